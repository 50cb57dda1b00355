namespace Streamer.Simulator.Generation;

/// <summary>The message_type values the generator uses, and the status values.</summary>
internal static class MessageTypes
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Video = "video";
    public const string Audio = "audio";
    public const string Document = "document";
    public const string Template = "template";

    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";

    public static bool IsMedia(string type) => type is Image or Video or Audio or Document;
}
