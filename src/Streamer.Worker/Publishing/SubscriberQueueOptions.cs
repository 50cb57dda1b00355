using System.Text;

namespace Streamer.Worker.Publishing;

/// <summary>
/// One entry of <c>Rabbit:DeclareQueues</c>: a subscriber queue and the arguments it is declared with, which must
/// be the ones its consumer declares (RabbitMQ refuses a declaration whose arguments differ). An entry may also be
/// given as just the queue name (<c>Rabbit__DeclareQueues__0=analytics</c>): a classic queue without arguments.
/// </summary>
public sealed class SubscriberQueueOptions
{
    /// <summary>The queue's name; the exchange bound to it and to every event exchange has the same name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Classic (the default), Quorum or Stream.</summary>
    public SubscriberQueueType Type { get; set; } = SubscriberQueueType.Classic;

    /// <summary>Where rejected and expired messages go (<c>x-dead-letter-exchange</c>); classic and quorum queues only.</summary>
    public string? DeadLetterExchange { get; set; }

    /// <summary>Only one consumer receives at a time, the others stand by (<c>x-single-active-consumer</c>); classic and quorum queues only.</summary>
    public bool SingleActiveConsumer { get; set; }

    /// <summary>Deliveries of a message before it is dropped or dead-lettered (<c>x-delivery-limit</c>); quorum queues only.</summary>
    public int? DeliveryLimit { get; set; }

    /// <summary>A classic queue of that name, as <c>Rabbit__DeclareQueues__0=NAME</c> gives it.</summary>
    public static implicit operator SubscriberQueueOptions(string name) => FromName(name);

    /// <summary>A classic queue of that name, as <c>Rabbit__DeclareQueues__0=NAME</c> gives it.</summary>
    public static SubscriberQueueOptions FromName(string name) => new() { Name = name };

    /// <summary>
    /// The entries of <c>Rabbit:DeclareQueues</c> in their order, each a bare queue name or an object. The configuration
    /// binder generated at compile time does not convert a value to an object, so the list is bound here.
    /// </summary>
    public static List<SubscriberQueueOptions> ListFrom(IConfigurationSection section) =>
        [.. section.GetChildren().Select(entry => entry.Value is { } name ? FromName(name) : entry.Get<SubscriberQueueOptions>() ?? new())];

    /// <summary>The queue arguments of the declaration; none for a classic queue without options.</summary>
    public Dictionary<string, object?> Arguments()
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (Type != SubscriberQueueType.Classic)
        {
            arguments["x-queue-type"] = Type == SubscriberQueueType.Quorum ? "quorum" : "stream";
        }

        if (!string.IsNullOrEmpty(DeadLetterExchange))
        {
            arguments["x-dead-letter-exchange"] = DeadLetterExchange;
        }

        if (SingleActiveConsumer)
        {
            arguments["x-single-active-consumer"] = true;
        }

        if (DeliveryLimit is { } limit)
        {
            arguments["x-delivery-limit"] = limit;
        }

        return arguments;
    }

    /// <summary>What the broker would refuse in this entry, one sentence each (<paramref name="index"/> names the entry).</summary>
    public IEnumerable<string> Problems(int index)
    {
        var at = $"Rabbit:DeclareQueues:{index}";

        // The binder takes a number as an enum value, defined or not.
        if (!Enum.IsDefined(Type))
        {
            yield return $"{at}:Type must be Classic, Quorum or Stream.";
        }

        if (Encoding.UTF8.GetByteCount(Name) > 255)
        {
            yield return $"{at}:Name: RabbitMQ names are at most 255 bytes.";
        }

        if (Name.StartsWith("amq.", StringComparison.Ordinal))
        {
            yield return $"{at}:Name: names starting with 'amq.' are reserved by RabbitMQ.";
        }

        if (DeadLetterExchange is { Length: > 0 } && Type == SubscriberQueueType.Stream)
        {
            yield return $"{at}:DeadLetterExchange: a stream queue does not dead-letter; use a Classic or Quorum queue.";
        }

        if (SingleActiveConsumer && Type == SubscriberQueueType.Stream)
        {
            yield return $"{at}:SingleActiveConsumer: a stream queue takes no x-single-active-consumer; use a Classic or Quorum queue.";
        }

        if (DeliveryLimit is not null && Type != SubscriberQueueType.Quorum)
        {
            yield return $"{at}:DeliveryLimit: only quorum queues count deliveries; set Type to Quorum.";
        }

        if (DeliveryLimit < 0)
        {
            yield return $"{at}:DeliveryLimit must be 0 or more.";
        }
    }
}
