namespace Streamer.Nxlink.Tests;

/// <summary>The account the client tests ask for: its values only need to be well formed.</summary>
public static class TestAccount
{
    /// <summary>An account on a test host, in UTC.</summary>
    public static NxlinkAccount Plain { get; } = new(
        "a", new Uri("http://nxlink.test"), "1", "appkey", "access", "secret", TimeZoneInfo.Utc);
}
