using Streamer.Contracts;

namespace Streamer.Worker.Media;

/// <summary>A download that failed: for good when <see cref="Failure"/> is set, else worth another try.</summary>
public sealed class MediaDownloadException : Exception
{
    /// <summary>Creates the exception; <paramref name="detail"/> must not contain the link (it is a credential).</summary>
    public MediaDownloadException(MediaArchiveFailure? failure, string detail)
        : base(detail) => Failure = failure;

    /// <summary>Creates a transient failure.</summary>
    public MediaDownloadException()
        : this(null, "download failed")
    {
    }

    /// <summary>Creates a transient failure.</summary>
    public MediaDownloadException(string message)
        : this(null, message)
    {
    }

    /// <summary>Creates a transient failure.</summary>
    public MediaDownloadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The permanent reason, or null for a transient failure.</summary>
    public MediaArchiveFailure? Failure { get; }

    /// <summary>Whether retrying cannot help.</summary>
    public bool IsPermanent => Failure is not null;
}
