using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>One entry of the ground truth: a change the simulator made to a record, in the order it made them.</summary>
public sealed class SimChange
{
    /// <summary>1-based position in the ground truth.</summary>
    [JsonPropertyName("seq")] public long Seq { get; set; }

    /// <summary>The index of the tenant whose record changed (0 with a single tenant).</summary>
    [JsonPropertyName("tenant")] public int Tenant { get; set; }

    /// <summary>The record's id.</summary>
    [JsonPropertyName("recordId")] public string RecordId { get; set; } = "";

    /// <summary>created, status, reaction or updated (see <see cref="SimChangeKinds"/>).</summary>
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";

    /// <summary>status: the new status; created: the initial status or null.</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }

    /// <summary>status: the status before.</summary>
    [JsonPropertyName("previousStatus")] public string? PreviousStatus { get; set; }

    /// <summary>reaction: the new emoji or null when removed; created: the initial emoji (fixtures only).</summary>
    [JsonPropertyName("emoji")] public string? Emoji { get; set; }

    /// <summary>reaction: the emoji before.</summary>
    [JsonPropertyName("previousEmoji")] public string? PreviousEmoji { get; set; }

    /// <summary>updated: API field name to new value.</summary>
    [JsonPropertyName("fields")] public Dictionary<string, string?>? Fields { get; set; }

    /// <summary>status failed: the remark set with it.</summary>
    [JsonPropertyName("remark")] public string? Remark { get; set; }

    /// <summary>The record's created_at (API local text).</summary>
    [JsonPropertyName("createdAt")] public string CreatedAt { get; set; } = "";

    /// <summary>The record's updated_at after this change (API local text).</summary>
    [JsonPropertyName("updatedAt")] public string UpdatedAt { get; set; } = "";

    /// <summary>The instant of the change, with the zone's offset.</summary>
    [JsonPropertyName("at")] public DateTimeOffset At { get; set; }

    /// <summary>created only: customer_id, so filters can be checked against the ground truth.</summary>
    [JsonPropertyName("customerId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CustomerId { get; set; }

    /// <summary>created only: saas_conversation_id.</summary>
    [JsonPropertyName("conversationId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConversationId { get; set; }

    /// <summary>created only: user_channel_id (what business_channel_id filters on).</summary>
    [JsonPropertyName("businessChannelId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? BusinessChannelId { get; set; }

    /// <summary>created only: the initial agent_account (later ones come with updated changes).</summary>
    [JsonPropertyName("agentAccount")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AgentAccount { get; set; }

    /// <summary>created only: message_type.</summary>
    [JsonPropertyName("messageType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MessageType { get; set; }

    /// <summary>created only: chat_type.</summary>
    [JsonPropertyName("chatType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ChatType { get; set; }

    /// <summary>created only, for a record with media: when its media link expires (unix seconds).</summary>
    [JsonPropertyName("mediaExpires")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? MediaExpires { get; set; }

    /// <summary>The ground truth's record of a record's creation, with what filter tests need to know of it.</summary>
    public static SimChange Created(Streamer.Nxlink.ChatRecord record, DateTimeOffset at) => new()
    {
        RecordId = record.Id!,
        Kind = SimChangeKinds.Created,
        Status = record.Status,
        Emoji = record.UserEmoji,
        CreatedAt = record.CreatedAt!,
        UpdatedAt = record.UpdatedAt!,
        At = at,
        CustomerId = record.CustomerId,
        ConversationId = record.ConversationId,
        BusinessChannelId = record.UserChannelId,
        AgentAccount = record.AgentAccount,
        MessageType = record.MessageType,
        ChatType = record.ChatType,
        MediaExpires = Streamer.Nxlink.MediaLinkExpiry.Of(record.MediaLink),
    };
}
