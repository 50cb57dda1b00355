namespace Streamer.Worker.Detection;

/// <summary>
/// The API's text for each <see cref="MessageStatus"/>. Events and snapshots carry the text as the API
/// wrote it; the detector parses it only to decide, so an unlisted status passes through unchanged.
/// </summary>
public static class MessageStatusText
{
    /// <summary>Sent.</summary>
    public const string Sent = "sent";

    /// <summary>Delivered.</summary>
    public const string Delivered = "delivered";

    /// <summary>Read.</summary>
    public const string Read = "read";

    /// <summary>Failed.</summary>
    public const string Failed = "failed";

    /// <summary>The status <paramref name="text"/> names; the API's spelling is lower case and compared exactly.</summary>
    public static MessageStatus Parse(string? text) => text switch
    {
        null or "" => MessageStatus.None,
        Sent => MessageStatus.Sent,
        Delivered => MessageStatus.Delivered,
        Read => MessageStatus.Read,
        Failed => MessageStatus.Failed,
        _ => MessageStatus.Unknown,
    };

    /// <summary>The API's text of <paramref name="status"/>; only the four listed statuses have one.</summary>
    public static string Of(MessageStatus status) => status switch
    {
        MessageStatus.Sent => Sent,
        MessageStatus.Delivered => Delivered,
        MessageStatus.Read => Read,
        MessageStatus.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "only a listed status has a text"),
    };
}
