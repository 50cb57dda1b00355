namespace Streamer.Contracts;

/// <summary>
/// A chat record appeared: a new inbound, outbound or system message of any type. Its status and
/// reaction, if already set when Streamer first saw it, are included here and not repeated as
/// separate events. Check <see cref="Origin"/> before reacting to it as a new message.
/// </summary>
public sealed record ChatMessageCreated : ChatMessageEvent
{
    /// <summary>Whether this is a live new message, part of the initial snapshot, or a backfill.</summary>
    public required ChangeOrigin Origin { get; init; }

    /// <summary>The direction, from <c>chat_type</c>.</summary>
    public required ChatDirection Direction { get; init; }

    /// <summary>The raw <c>chat_type</c> (0 outbound, 1 inbound, 2 system), kept for values the document does not list.</summary>
    public int? ChatType { get; init; }

    /// <summary>The message type as the API gives it: text, image, video, audio, document, template or any other string.</summary>
    public string? MessageType { get; init; }

    /// <summary>The message content (text, caption).</summary>
    public string? Content { get; init; }

    /// <summary>The sender (<c>from</c>), a phone number.</summary>
    public string? From { get; init; }

    /// <summary>The receiver (<c>to</c>), a phone number.</summary>
    public string? To { get; init; }

    /// <summary>The customer name (<c>customer_name</c>).</summary>
    public string? CustomerName { get; init; }

    /// <summary>The agent id (<c>agent_id</c>).</summary>
    public string? AgentId { get; init; }

    /// <summary>The agent name (<c>agent_name</c>).</summary>
    public string? AgentName { get; init; }

    /// <summary>The agent account (<c>agent_account</c>).</summary>
    public string? AgentAccount { get; init; }

    /// <summary>The business (merchant) number (<c>user_channel_id</c>).</summary>
    public string? BusinessNumber { get; init; }

    /// <summary>The delivery status if already set: sent, delivered, read, failed or another string.</summary>
    public string? Status { get; init; }

    /// <summary>The customer's emoji reaction (<c>user_emoji</c>) if already set.</summary>
    public string? Emoji { get; init; }

    /// <summary>The WhatsApp message id this message replies to (<c>context</c>).</summary>
    public string? ReplyToMessageId { get; init; }

    /// <summary>The remark (<c>remark</c>), usually error details.</summary>
    public string? Remark { get; init; }

    /// <summary>The media of a media message, when present.</summary>
    public ChatMedia? Media { get; init; }

    /// <summary>The template of a template message, when present.</summary>
    public ChatTemplate? Template { get; init; }

    /// <summary>The record's <c>created_at</c> in the account's time zone.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
