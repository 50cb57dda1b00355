namespace Streamer.Contracts;

/// <summary>The media attached to an image, video, audio or document message.</summary>
public sealed record ChatMedia
{
    /// <summary>The file name (<c>filename</c>).</summary>
    public string? FileName { get; init; }

    /// <summary>The media type (<c>mime_type</c>), for example <c>image/jpeg</c>.</summary>
    public string? MimeType { get; init; }

    /// <summary>The download link (<c>media_link</c>). The API says it is valid for 60 minutes.</summary>
    public string? Link { get; init; }

    /// <summary>When the link expires, read from its <c>Expires</c> query parameter when it has one.</summary>
    public DateTimeOffset? LinkExpiresAt { get; init; }
}
