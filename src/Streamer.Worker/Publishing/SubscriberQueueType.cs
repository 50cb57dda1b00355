namespace Streamer.Worker.Publishing;

/// <summary>The RabbitMQ queue type of a subscriber queue (<c>x-queue-type</c>).</summary>
public enum SubscriberQueueType
{
    /// <summary>A classic queue, declared without <c>x-queue-type</c> as MassTransit and earlier versions declare it.</summary>
    Classic,

    /// <summary>A replicated quorum queue (<c>x-queue-type=quorum</c>): dead-lettering, single active consumer and a delivery limit.</summary>
    Quorum,

    /// <summary>An append-only stream (<c>x-queue-type=stream</c>): consumers read it from an offset; no dead-lettering, single active consumer or delivery limit.</summary>
    Stream,
}
