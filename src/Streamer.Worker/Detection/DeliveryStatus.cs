namespace Streamer.Worker.Detection;

/// <summary>The order of WhatsApp delivery statuses: sent &lt; delivered &lt; read; failed is terminal and may follow any.</summary>
public static class DeliveryStatus
{
    /// <summary>Sent.</summary>
    public const string Sent = "sent";

    /// <summary>Delivered.</summary>
    public const string Delivered = "delivered";

    /// <summary>Read.</summary>
    public const string Read = "read";

    /// <summary>Failed.</summary>
    public const string Failed = "failed";

    /// <summary>The forward steps in order.</summary>
    public static readonly string[] Steps = [Sent, Delivered, Read];

    /// <summary>1 sent, 2 delivered, 3 read, 4 failed, 0 none, -1 a status the document does not list.</summary>
    public static int Rank(string? status) => status switch
    {
        null => 0,
        Sent => 1,
        Delivered => 2,
        Read => 3,
        Failed => 4,
        _ => -1,
    };
}
