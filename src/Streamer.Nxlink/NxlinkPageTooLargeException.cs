namespace Streamer.Nxlink;

/// <summary>
/// A page larger than the client accepts (<c>Polling:MaxPageBytes</c>): refused from its Content-Length, or
/// cut off once its body passes the limit. Not worth retrying at once; the poll is retried after a back-off.
/// </summary>
public sealed class NxlinkPageTooLargeException : NxlinkException
{
    /// <summary>Creates the exception.</summary>
    public NxlinkPageTooLargeException(long limit, long? contentLength, int httpStatus, Exception? inner = null)
        : base(
            contentLength is { } length
                ? $"nxlink sent a page of {length} bytes, over the limit of {limit} bytes (Polling:MaxPageBytes); it was not read."
                : $"nxlink sent a page over the limit of {limit} bytes (Polling:MaxPageBytes); it was read no further.",
            code: null,
            httpStatus,
            inner)
    {
        Limit = limit;
        ContentLength = contentLength;
    }

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }

    /// <summary>The page's Content-Length, when it announced one.</summary>
    public long? ContentLength { get; }
}
