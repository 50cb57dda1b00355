using Streamer.Nxlink;

namespace Streamer.Simulator.Media;

/// <summary>
/// The media a template message sends in its header (IMAGE, VIDEO or DOCUMENT): the same file for every
/// message of the template, as a campaign sends one picture to many customers.
/// </summary>
internal static class TemplateHeaderMedia
{
    /// <summary>The header's file name and type, or null when the template's header is text or absent.</summary>
    public static (string FileName, string MimeType, string MessageType)? Of(ChatRecordTemplate? template)
    {
        var format = template?.Components?.FirstOrDefault(c => c.Type == "HEADER")?.Format;
        return format switch
        {
            "IMAGE" => ("header.jpg", "image/jpeg", "image"),
            "VIDEO" => ("header.mp4", "video/mp4", "video"),
            "DOCUMENT" => ("header.pdf", "application/pdf", "document"),
            _ => null,
        };
    }
}
