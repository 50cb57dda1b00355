namespace Streamer.Nxlink;

/// <summary>A failure worth retrying: code -1, HTTP 5xx or 429, a timeout, a broken connection or an unreadable page.</summary>
public sealed class NxlinkTransientException : NxlinkException
{
    /// <summary>Creates the exception.</summary>
    public NxlinkTransientException(string message, int? code = null, int? httpStatus = null, Exception? inner = null)
        : base(message, code, httpStatus, inner)
    {
    }
}
