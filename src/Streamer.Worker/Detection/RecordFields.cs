using System.Globalization;
using Streamer.Nxlink;

namespace Streamer.Worker.Detection;

/// <summary>
/// The record fields whose change yields a <see cref="Contracts.ChatMessageUpdated"/>. Status and reaction
/// have events of their own; <c>updated_at</c> moves with every change; <c>media_link</c> is a signed,
/// expiring URL that may be re-issued without the message changing, so it is not tracked.
/// </summary>
public static class RecordFields
{
    // An array rather than the IReadOnlyList it is shown as: Hash runs for every record observed, and
    // indexing an array costs no interface call. Each hash reads its field itself (rather than hashing
    // what Read returns), so a field costs one delegate call, not two.
    private static readonly TrackedField[] Fields =
    [
        new("channel", r => StableHash.Of(r.Channel), r => r.Channel?.ToString(CultureInfo.InvariantCulture)),
        new("user_channel_id", r => StableHash.Of(r.UserChannelId), r => r.UserChannelId),
        new("from", r => StableHash.Of(r.From), r => r.From),
        new("to", r => StableHash.Of(r.To), r => r.To),
        new("customer_id", r => StableHash.Of(r.CustomerId), r => r.CustomerId),
        new("customer_name", r => StableHash.Of(r.CustomerName), r => r.CustomerName),
        new("saas_conversation_id", r => StableHash.Of(r.ConversationId), r => r.ConversationId),
        new("agent_id", r => StableHash.Of(r.AgentId), r => r.AgentId),
        new("agent_name", r => StableHash.Of(r.AgentName), r => r.AgentName),
        new("agent_account", r => StableHash.Of(r.AgentAccount), r => r.AgentAccount),
        new("chat_type", r => StableHash.Of(r.ChatType), r => r.ChatType?.ToString(CultureInfo.InvariantCulture)),
        new("message_type", r => StableHash.Of(r.MessageType), r => r.MessageType),
        new("content", r => StableHash.Of(r.Content), r => r.Content),
        new("message_id", r => StableHash.Of(r.MessageId), r => r.MessageId),
        new("tenant_id", r => StableHash.Of(r.TenantId), r => r.TenantId),
        new("filename", r => StableHash.Of(r.FileName), r => r.FileName),
        new("mime_type", r => StableHash.Of(r.MimeType), r => r.MimeType),
        new("template", r => StableHash.Of(r.Template), r => r.Template is null ? null : System.Text.Json.JsonSerializer.Serialize(r.Template, WorkerJsonContext.Default.ChatRecordTemplate)),
        new("context", r => StableHash.Of(r.Context), r => r.Context),
        new("remark", r => StableHash.Of(r.Remark), r => r.Remark),
        new("created_at", r => StableHash.Of(r.CreatedAt), r => r.CreatedAt),
    ];

    /// <summary>The tracked fields, by API name: how to hash each (without allocating) and how to read it as text.</summary>
    public static IReadOnlyList<TrackedField> Tracked => Fields;

    /// <summary>Index of <c>remark</c>: a failure's remark travels with the status event, not as an update.</summary>
    public static readonly int RemarkIndex = Tracked.Select((f, i) => (f, i)).Single(x => x.f.Name == "remark").i;

    /// <summary>Number of tracked fields.</summary>
    public static int Count => Fields.Length;

    /// <summary>Writes the hash of every tracked field of <paramref name="record"/> into <paramref name="hashes"/>.</summary>
    public static void Hash(ChatRecord record, Span<ulong> hashes)
    {
        for (var i = 0; i < Fields.Length; i++)
        {
            hashes[i] = Fields[i].Hash(record);
        }
    }
}
