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
    /// <summary>The tracked fields, by API name: how to hash each (without allocating) and how to read it as text.</summary>
    public static readonly IReadOnlyList<TrackedField> Tracked =
    [
        new("channel", r => StableHash.Of(r.Channel), r => r.Channel?.ToString(CultureInfo.InvariantCulture)),
        Text("user_channel_id", r => r.UserChannelId),
        Text("from", r => r.From),
        Text("to", r => r.To),
        Text("customer_id", r => r.CustomerId),
        Text("customer_name", r => r.CustomerName),
        Text("saas_conversation_id", r => r.ConversationId),
        Text("agent_id", r => r.AgentId),
        Text("agent_name", r => r.AgentName),
        Text("agent_account", r => r.AgentAccount),
        new("chat_type", r => StableHash.Of(r.ChatType), r => r.ChatType?.ToString(CultureInfo.InvariantCulture)),
        Text("message_type", r => r.MessageType),
        Text("content", r => r.Content),
        Text("message_id", r => r.MessageId),
        Text("tenant_id", r => r.TenantId),
        Text("filename", r => r.FileName),
        Text("mime_type", r => r.MimeType),
        new("template", r => StableHash.Of(r.Template), r => r.Template is null ? null : System.Text.Json.JsonSerializer.Serialize(r.Template, WorkerJsonContext.Default.ChatRecordTemplate)),
        Text("context", r => r.Context),
        Text("remark", r => r.Remark),
        Text("created_at", r => r.CreatedAt),
    ];

    /// <summary>Index of <c>remark</c>: a failure's remark travels with the status event, not as an update.</summary>
    public static readonly int RemarkIndex = Tracked.Select((f, i) => (f, i)).Single(x => x.f.Name == "remark").i;

    /// <summary>Number of tracked fields.</summary>
    public static int Count => Tracked.Count;

    /// <summary>Writes the hash of every tracked field of <paramref name="record"/> into <paramref name="hashes"/>.</summary>
    public static void Hash(ChatRecord record, Span<ulong> hashes)
    {
        for (var i = 0; i < Tracked.Count; i++)
        {
            hashes[i] = Tracked[i].Hash(record);
        }
    }

    private static TrackedField Text(string name, Func<ChatRecord, string?> read) => new(name, r => StableHash.Of(read(r)), read);
}
