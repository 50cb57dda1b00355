namespace Streamer.Contracts;

/// <summary>Why a media file could not be archived (<see cref="ChatMediaArchiveFailed.Reason"/>).</summary>
public enum MediaArchiveFailure
{
    /// <summary>The link had expired (the API's links live 60 minutes) before a download succeeded.</summary>
    LinkExpired = 0,

    /// <summary>The storage answered that the file does not exist (HTTP 404 or 410).</summary>
    NotFound = 1,

    /// <summary>The file is larger than the configured size limit (<c>MediaArchive:MaxBytes</c>).</summary>
    TooLarge = 2,

    /// <summary>The storage served a content type the configuration does not allow (<c>MediaArchive:AllowedContentTypes</c>), or content whose first bytes do not match its type.</summary>
    ContentTypeNotAllowed = 3,

    /// <summary>
    /// The storage refused the link although it had not expired (HTTP 401 or 403), or Streamer refused the link or a
    /// redirect: not a usable URL, a scheme, host or address the configuration does not allow, or too many redirects.
    /// </summary>
    Denied = 4,

    /// <summary>The storage kept failing (network errors, timeouts, HTTP 5xx or 429) for every attempt allowed.</summary>
    Unavailable = 5,
}
