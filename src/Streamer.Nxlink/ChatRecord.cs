using System.Text.Json.Serialization;

namespace Streamer.Nxlink;

/// <summary>
/// One chat record as the API sends it. Every field is optional because the API omits what does not
/// apply and sends nulls; strings and numbers are read tolerantly (a number where a string is expected
/// and the reverse). Timestamps stay the API's zone-less local text; <see cref="NxlinkTime"/> reads them.
/// </summary>
public sealed class ChatRecord
{
    /// <summary>Message record ID.</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }

    /// <summary>Channel (2: WhatsApp).</summary>
    [JsonPropertyName("channel")] public int? Channel { get; set; }

    /// <summary>Merchant number.</summary>
    [JsonPropertyName("user_channel_id")] public string? UserChannelId { get; set; }

    /// <summary>Sender.</summary>
    [JsonPropertyName("from")] public string? From { get; set; }

    /// <summary>Receiver.</summary>
    [JsonPropertyName("to")] public string? To { get; set; }

    /// <summary>Customer ID.</summary>
    [JsonPropertyName("customer_id")] public string? CustomerId { get; set; }

    /// <summary>Customer name.</summary>
    [JsonPropertyName("customer_name")] public string? CustomerName { get; set; }

    /// <summary>Conversation ID.</summary>
    [JsonPropertyName("saas_conversation_id")] public string? ConversationId { get; set; }

    /// <summary>Agent ID.</summary>
    [JsonPropertyName("agent_id")] public string? AgentId { get; set; }

    /// <summary>Agent name.</summary>
    [JsonPropertyName("agent_name")] public string? AgentName { get; set; }

    /// <summary>Agent account.</summary>
    [JsonPropertyName("agent_account")] public string? AgentAccount { get; set; }

    /// <summary>Direction: 0 outbound, 1 inbound, 2 system.</summary>
    [JsonPropertyName("chat_type")] public int? ChatType { get; set; }

    /// <summary>Message type (text/image/video/audio/document/template…).</summary>
    [JsonPropertyName("message_type")] public string? MessageType { get; set; }

    /// <summary>Message content.</summary>
    [JsonPropertyName("content")] public string? Content { get; set; }

    /// <summary>WhatsApp message ID.</summary>
    [JsonPropertyName("message_id")] public string? MessageId { get; set; }

    /// <summary>Message status (sent/delivered/read/failed…).</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }

    /// <summary>Tenant ID.</summary>
    [JsonPropertyName("tenant_id")] public string? TenantId { get; set; }

    /// <summary>Media file name.</summary>
    [JsonPropertyName("filename")] public string? FileName { get; set; }

    /// <summary>Media link, valid for 60 minutes.</summary>
    [JsonPropertyName("media_link")] public string? MediaLink { get; set; }

    /// <summary>Media type.</summary>
    [JsonPropertyName("mime_type")] public string? MimeType { get; set; }

    /// <summary>Template of a template message.</summary>
    [JsonPropertyName("template")] public ChatRecordTemplate? Template { get; set; }

    /// <summary>The customer's emoji reaction.</summary>
    [JsonPropertyName("user_emoji")] public string? UserEmoji { get; set; }

    /// <summary>Referenced (replied-to) WhatsApp message ID.</summary>
    [JsonPropertyName("context")] public string? Context { get; set; }

    /// <summary>Remark, usually error details.</summary>
    [JsonPropertyName("remark")] public string? Remark { get; set; }

    /// <summary>Created time, <c>yyyy-MM-dd HH:mm:ss</c> in the tenant's zone.</summary>
    [JsonPropertyName("created_at")] public string? CreatedAt { get; set; }

    /// <summary>Updated time, <c>yyyy-MM-dd HH:mm:ss</c> in the tenant's zone.</summary>
    [JsonPropertyName("updated_at")] public string? UpdatedAt { get; set; }

    /// <summary>A shallow copy (the template is shared; it is treated as immutable).</summary>
    public ChatRecord Clone() => (ChatRecord)MemberwiseClone();

    /// <summary>
    /// The record's JSON exactly as the API sent it, when it came from a page read by <see cref="NxlinkClient"/>
    /// (cut out of the page on demand: only rejected records need it); otherwise the model serialized.
    /// </summary>
    public string RawJson() => Source?.RecordJson() ?? System.Text.Json.JsonSerializer.Serialize(this, NxlinkJsonContext.Default.ChatRecord);

    /// <summary>
    /// Set by the reader when the record could not be read at all (its page of one was over the size limit):
    /// why. Such a record carries no field of the API's; it is rejected.
    /// </summary>
    [JsonIgnore]
    public string? Unreadable { get; set; }

    /// <summary>Where in a page body the record came from.</summary>
    [JsonIgnore]
    internal PageSource? Source { get; set; }
}
