using System.ComponentModel.DataAnnotations;

namespace Streamer.Samples.DeliveryStatus;

/// <summary>Where the events come from (<c>Rabbit__Uri</c>, <c>Rabbit__Queue</c>, <c>Rabbit__PrefetchCount</c>).</summary>
public sealed class RabbitOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Rabbit";

    /// <summary>AMQP URI with credentials and virtual host.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Uri { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>
    /// The durable queue of this service. List it in the worker's <c>Rabbit:DeclareQueues</c> so that events
    /// published before this service first runs wait for it.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string Queue { get; set; } = "crm-delivery-status";

    /// <summary>How many messages the broker sends ahead of the one being handled.</summary>
    [Range(1, 10_000)]
    public int PrefetchCount { get; set; } = 64;
}
