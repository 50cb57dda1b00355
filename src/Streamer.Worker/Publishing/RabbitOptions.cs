using System.ComponentModel.DataAnnotations;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Publishing;

/// <summary>The broker the events are published to.</summary>
public sealed class RabbitOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Rabbit";

    /// <summary>AMQP URI with credentials and virtual host, for example amqp://guest:guest@localhost:5672/.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Uri { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>
    /// Durable queues to declare at start-up, each bound to every event exchange. RabbitMQ drops what is
    /// published to an exchange with no bound queue, so list here the queues of subscribers that must not
    /// miss events published before they first run, with the type and arguments their consumers declare.
    /// </summary>
    public List<SubscriberQueueOptions> DeclareQueues { get; set; } = [];

    /// <summary>How many publishes may await their broker confirmation at once.</summary>
    [Range(1, 100_000)]
    public int MaxInFlight { get; set; } = 2048;

    /// <summary>How long a batch may wait for confirmations before it is abandoned (and re-published later).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Allows a plain <c>amqp://</c> <see cref="Uri"/> to a host other than loopback. Off: such a URI stops the
    /// start, since the broker credentials and every event would cross the network unencrypted.
    /// </summary>
    public bool AllowInsecureTransport { get; set; }

    /// <summary>
    /// True when <see cref="Uri"/> is amqps, reaches a loopback host, or <see cref="AllowInsecureTransport"/> is
    /// set; also true for a URI that does not parse (its own validation reports that).
    /// </summary>
    public bool HasAllowedTransport()
    {
        AmqpAddress address;
        try
        {
            address = AmqpAddress.Parse(Uri);
        }
        catch (FormatException)
        {
            return true;
        }

        return address.UseTls || AllowInsecureTransport || LoopbackHost.Is(address.Host);
    }

    /// <summary>
    /// The broker's <c>max_message_size</c>: an event that would not fit (its JSON plus
    /// <see cref="EnvelopeAllowance"/> for MassTransit's envelope) is published as a <c>ChatRecordRejected</c>
    /// instead, which would otherwise be refused by the broker on every attempt. 16 MiB is RabbitMQ 4's default
    /// (3.x allows 128 MiB); raise it only together with the broker's setting.
    /// </summary>
    [Range(1_048_576, 536_870_912)]
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Writes events as compact JSON: no indentation, and no null property that a consumer built on
    /// Streamer.Contracts reads as null when it is missing (about half the bytes, and the broker's CPU per
    /// message with them). False: MassTransit's default form, indented with every null written, for consumers
    /// that parse the JSON themselves and expect every property present.
    /// </summary>
    public bool CompactJson { get; set; } = true;

    /// <summary>Bytes kept free for MassTransit's envelope (headers, addresses, ids) around an event's JSON.</summary>
    public const int EnvelopeAllowance = 64 * 1024;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < DeclareQueues.Count; i++)
        {
            foreach (var problem in DeclareQueues[i].Problems(i))
            {
                yield return new ValidationResult(problem, [nameof(DeclareQueues)]);
            }
        }

        foreach (var name in DeclareQueues.GroupBy(q => q.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return new ValidationResult($"Rabbit:DeclareQueues: the queue '{name}' is listed more than once.", [nameof(DeclareQueues)]);
        }
    }
}
