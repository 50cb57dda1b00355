namespace Streamer.Worker.Detection;

/// <summary>
/// A WhatsApp delivery status as the detector reasons about it. <see cref="Sent"/>, <see cref="Delivered"/>
/// and <see cref="Read"/> are declared in their forward order; <see cref="Failed"/> is terminal and may
/// follow any of them. <see cref="MessageStatusText"/> reads and writes the API's text.
/// </summary>
public enum MessageStatus
{
    /// <summary>No status (absent or empty).</summary>
    None,

    /// <summary>Sent.</summary>
    Sent,

    /// <summary>Delivered.</summary>
    Delivered,

    /// <summary>Read.</summary>
    Read,

    /// <summary>Failed.</summary>
    Failed,

    /// <summary>A status the API document does not list.</summary>
    Unknown,
}
