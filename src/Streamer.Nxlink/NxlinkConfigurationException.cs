namespace Streamer.Nxlink;

/// <summary>
/// The API refused the request because of how the account is configured (auth codes 1001-1005, parameter
/// codes 21058/21059/22016/22072, or an HTTP 3xx or 4xx). Retrying fast does not help; <see cref="Fix"/> says what will.
/// </summary>
public class NxlinkConfigurationException : NxlinkException
{
    /// <summary>Creates the exception.</summary>
    public NxlinkConfigurationException(string message, string fix, int? code = null, int? httpStatus = null)
        : base($"{message} Fix: {fix}", code, httpStatus)
    {
        Fix = fix;
    }

    /// <summary>What to change to make the call succeed.</summary>
    public string Fix { get; }
}
