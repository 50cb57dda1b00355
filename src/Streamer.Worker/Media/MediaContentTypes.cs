namespace Streamer.Worker.Media;

/// <summary>The content types media is stored as: WhatsApp's media types by default, never active content.</summary>
public static class MediaContentTypes
{
    /// <summary>
    /// What WhatsApp sends (Cloud API supported media): images and stickers, video, audio, and documents, whose
    /// types include <c>text/plain</c> besides PDF and the Office formats.
    /// </summary>
    public static IReadOnlyList<string> Defaults { get; } =
    [
        "image/jpeg", "image/png", "image/webp",
        "video/mp4", "video/3gpp",
        "audio/aac", "audio/mp4", "audio/mpeg", "audio/amr", "audio/ogg",
        "application/pdf", "text/plain",
        "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ];

    // Scripts that run when the archive is opened in a browser, and programs: never stored, whatever is configured.
    private static readonly HashSet<string> Never = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/svg+xml", "text/html", "application/xhtml+xml", "text/javascript", "application/javascript", "application/x-javascript",
        "application/x-msdownload", "application/x-msdos-program", "application/x-dosexec", "application/vnd.microsoft.portable-executable",
        "application/x-ms-installer", "application/x-msi", "application/x-executable", "application/x-elf", "application/x-sharedlib",
        "application/x-mach-binary", "application/x-sh", "application/x-shellscript", "application/x-csh", "application/x-bat",
        "application/java-archive", "application/x-java-archive", "application/vnd.android.package-archive", "application/x-apple-diskimage",
    };

    // Storage that does not know the type serves one of these; the record's own type is then the declared one.
    private static readonly HashSet<string> Unknown = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/octet-stream", "binary/octet-stream", "application/binary", "application/unknown",
    };

    /// <summary>Whether <paramref name="contentType"/> is active content or a program, refused even when configured.</summary>
    public static bool IsNeverAllowed(string contentType) => Never.Contains(contentType);

    /// <summary>The type a body is judged as: the served one, else (absent or generic) the record's, else octet-stream.</summary>
    public static string Declared(string? served, string? recorded) =>
        served is { Length: > 0 } && !Unknown.Contains(served) ? served
        : recorded is { Length: > 0 } ? recorded
        : served ?? "application/octet-stream";
}
