using System.Diagnostics;
using MassTransit;
using Streamer.Contracts;

namespace Streamer.Worker.Publishing;

/// <summary>
/// The transport headers Streamer sets on every message, so a consumer can route or filter without reading
/// the body: with a MassTransit filter (<c>context.Headers.Get&lt;string&gt;("Streamer-Origin")</c>) or a RabbitMQ
/// headers exchange binding (<c>x-match=all, Streamer-Origin=Live</c>). With them go W3C <c>traceparent</c> and
/// <c>tracestate</c> of the current activity (the relay's publish span), for consumers that are not MassTransit
/// (MassTransit consumers continue the trace from its own <c>MT-Activity-Id</c>).
/// </summary>
public static class StreamerHeaders
{
    /// <summary>The <see cref="ChangeOrigin"/> of a message event, by name: <c>Live</c>, <c>Snapshot</c> or <c>Backfill</c>.</summary>
    public const string Origin = "Streamer-Origin";

    /// <summary>The nxlink tenant id of the account the message is about.</summary>
    public const string TenantId = "Streamer-Tenant-Id";

    /// <summary>The chat record id, when the message has one that is at most <see cref="MaxRecordIdLength"/> characters long.</summary>
    public const string RecordId = "Streamer-Record-Id";

    /// <summary>
    /// Longer record ids (only a misbehaving API sends them) are left out of the headers: every header of a message
    /// must fit in one AMQP frame, and a message the broker refuses would stop the relay. The body still has the id.
    /// </summary>
    public const int MaxRecordIdLength = 256;

    private static readonly string[] OriginNames = Enum.GetValues<ChangeOrigin>().Select(o => o.ToString()).ToArray();

    /// <summary>The origin of <paramref name="message"/>, or null when it has none (rejections, media outcomes, events from before it was set).</summary>
    public static ChangeOrigin? OriginOf(object message) => message switch
    {
        ChatMessageCreated m => m.Origin,
        ChatMessageStatusChanged m => m.Origin,
        ChatMessageReactionChanged m => m.Origin,
        ChatMessageUpdated m => m.Origin,
        _ => null,
    };

    /// <summary>The header value of an origin: its name.</summary>
    public static string NameOf(ChangeOrigin origin) =>
        (uint)origin < (uint)OriginNames.Length ? OriginNames[(int)origin] : origin.ToString();

    /// <summary>Sets the headers of <paramref name="message"/> (and the current trace context) on <paramref name="context"/>.</summary>
    public static void Apply(SendContext context, object message)
    {
        var (tenant, record) = message switch
        {
            ChatMessageEvent m => (m.TenantId, m.RecordId),
            ChatRecordRejected m => (m.TenantId, m.RecordId),
            ChatMediaArchiveOutcome m => (m.TenantId, m.RecordId),
            _ => (null, null),
        };
        if (OriginOf(message) is { } origin)
        {
            context.Headers.Set(Origin, NameOf(origin));
        }

        if (!string.IsNullOrEmpty(tenant))
        {
            context.Headers.Set(TenantId, tenant);
        }

        if (!string.IsNullOrEmpty(record) && record.Length <= MaxRecordIdLength)
        {
            context.Headers.Set(RecordId, record);
        }

        if (Activity.Current is { } activity)
        {
            DistributedContextPropagator.Current.Inject(activity, context.Headers, static (carrier, name, value) =>
            {
                // Only the W3C pair: baggage is not Streamer's to forward.
                if (value is not null && name is "traceparent" or "tracestate")
                {
                    ((SendHeaders)carrier!).Set(name, value);
                }
            });
        }
    }
}
