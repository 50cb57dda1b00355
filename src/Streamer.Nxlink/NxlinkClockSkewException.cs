namespace Streamer.Nxlink;

/// <summary>Code 1004: our <c>ts</c> is more than 60 s from the server's clock.</summary>
public sealed class NxlinkClockSkewException : NxlinkConfigurationException
{
    /// <summary>Creates the exception.</summary>
    public NxlinkClockSkewException(DateTimeOffset sentAt, DateTimeOffset? serverTime)
        : base(
            "nxlink rejected the request timestamp (code 1004).",
            "synchronise this machine's clock (NTP); the server allows 60 s of difference.",
            NxlinkResultCodes.TimestampExpired)
    {
        SentAt = sentAt;
        ServerTime = serverTime;
    }

    /// <summary>The <c>ts</c> we sent.</summary>
    public DateTimeOffset SentAt { get; }

    /// <summary>The server's clock from its <c>Date</c> header, when it sent one.</summary>
    public DateTimeOffset? ServerTime { get; }
}
