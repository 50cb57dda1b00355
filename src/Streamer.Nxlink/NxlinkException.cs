namespace Streamer.Nxlink;

/// <summary>An nxlink call failed. Never carries the access secret or record contents.</summary>
public abstract class NxlinkException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected NxlinkException(string message, int? code, int? httpStatus, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    /// <summary>The API's result code, when it sent one.</summary>
    public int? Code { get; }

    /// <summary>The HTTP status, when there was a response.</summary>
    public int? HttpStatus { get; }
}
