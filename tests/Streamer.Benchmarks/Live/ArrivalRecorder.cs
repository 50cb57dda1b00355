using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Streamer.Benchmarks.Infrastructure;

namespace Streamer.Benchmarks.Live;

/// <summary>
/// Consumes the benchmark queue and notes when each event id first arrived. The event id is the AMQP
/// message-id MassTransit sets from MessageId (= EventId); the envelope's messageId is read when it is absent.
/// </summary>
public sealed class ArrivalRecorder : IAsyncDisposable
{
    private readonly Dictionary<Guid, DateTime> arrivals = [];
    private readonly Lock gate = new();
    private readonly IChannel channel;
    private long deliveries;

    private ArrivalRecorder(IChannel channel) => this.channel = channel;

    /// <summary>Messages delivered so far, duplicates included.</summary>
    public long Deliveries => Interlocked.Read(ref deliveries);

    /// <summary>Starts consuming the benchmark queue.</summary>
    public static async Task<ArrivalRecorder> StartAsync(IConnection connection)
    {
        var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, 2_000, false);
        var recorder = new ArrivalRecorder(channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            recorder.Keep(DateTime.UtcNow, delivery);
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(QueueTopology.Queue, autoAck: true, consumer);
        return recorder;
    }

    /// <summary>When the event first arrived, if it did.</summary>
    public DateTime? ArrivalOf(Guid eventId)
    {
        lock (gate)
        {
            return arrivals.TryGetValue(eventId, out var at) ? at : null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await channel.DisposeAsync();
    }

    private void Keep(DateTime now, BasicDeliverEventArgs delivery)
    {
        Interlocked.Increment(ref deliveries);
        if (!Guid.TryParse(delivery.BasicProperties.MessageId, out var id) && !TryReadEnvelopeId(delivery.Body.Span, out id))
        {
            return;
        }

        lock (gate)
        {
            arrivals.TryAdd(id, now);
        }
    }

    private static bool TryReadEnvelopeId(ReadOnlySpan<byte> body, out Guid id)
    {
        var reader = new Utf8JsonReader(body);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("messageId"u8))
            {
                reader.Read();
                return reader.TryGetGuid(out id);
            }
        }

        id = default;
        return false;
    }
}
