namespace Streamer.Nxlink.Tests;

public sealed class NxlinkTimeTests
{
    [Theory]
    [InlineData("UTC")]
    [InlineData("Asia/Shanghai")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    public void ToApiText_ThenTryParse_RoundTripsTheInstant(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var instant = new DateTimeOffset(2025, 7, 1, 3, 4, 5, TimeSpan.Zero);

        var text = NxlinkTime.ToApiText(instant, zone);

        Assert.True(NxlinkTime.TryParse(text, zone, out var parsed));
        Assert.Equal(instant, parsed);
        Assert.Equal(zone.GetUtcOffset(instant), parsed.Offset);
    }

    [Fact]
    public void ToApiText_ShanghaiZone_WritesLocalTimeEightHoursAhead()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        Assert.Equal("2025-10-16 11:11:02", NxlinkTime.ToApiText(new DateTimeOffset(2025, 10, 16, 3, 11, 2, 999, TimeSpan.Zero), zone));
    }

    [Fact]
    public void Parse_DocumentTimestampInShanghai_IsTheRightInstant()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        var parsed = NxlinkTime.Parse("2025-10-13 16:29:09", zone);

        Assert.Equal(new DateTimeOffset(2025, 10, 13, 8, 29, 9, TimeSpan.Zero), parsed);
        Assert.Equal(TimeSpan.FromHours(8), parsed!.Value.Offset);
    }

    [Fact]
    public void Parse_NewYorkSummerAndWinter_UsesTheOffsetOfThatDate()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.Equal(TimeSpan.FromHours(-4), NxlinkTime.Parse("2025-07-01 12:00:00", zone)!.Value.Offset);
        Assert.Equal(TimeSpan.FromHours(-5), NxlinkTime.Parse("2025-01-01 12:00:00", zone)!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2025-10-13")]
    [InlineData("2025-10-13T16:29:09")]
    [InlineData("2025-10-13 16:29:09Z")]
    [InlineData("2025-10-13 16:29")]
    [InlineData("2025-1-13 16:29:09")]
    [InlineData("2025-13-01 00:00:00")]
    [InlineData("2025-02-30 00:00:00")]
    [InlineData("2025-10-13 24:00:00")]
    [InlineData("2025-10-13 23:60:00")]
    [InlineData("2025-10-13 23:59:60")]
    [InlineData("0000-01-01 00:00:00")]
    [InlineData("２０２５-10-13 16:29:09")]
    [InlineData("abcd-ef-gh ij:kl:mn")]
    [InlineData(" 2025-10-13 16:29:09")]
    public void TryParse_MalformedText_ReturnsFalse(string? text)
    {
        Assert.False(NxlinkTime.TryParse(text, TimeZoneInfo.Utc, out _));
        Assert.Null(NxlinkTime.Parse(text, TimeZoneInfo.Utc));
        Assert.False(NxlinkTime.TryParseLocal(text, out _));
    }

    [Fact]
    public void TryParseLocal_ThenFromLocal_IsTryParse()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.True(NxlinkTime.TryParseLocal("2025-07-01 12:00:00", out var local));
        Assert.Equal(new DateTime(2025, 7, 1, 12, 0, 0, DateTimeKind.Unspecified), local);
        Assert.Equal(NxlinkTime.Parse("2025-07-01 12:00:00", zone), NxlinkTime.FromLocal(local, zone));
        Assert.Equal(TimeSpan.FromHours(-4), NxlinkTime.FromLocal(local, zone).Offset);
    }

    [Fact]
    public void TryParse_LeapDay_IsAccepted()
    {
        Assert.True(NxlinkTime.TryParse("2024-02-29 23:59:59", TimeZoneInfo.Utc, out var parsed));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero), parsed);
    }

    [Fact]
    public void TryParse_ZeroDateEastOfUtc_FalseInsteadOfThrowing()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        Assert.True(NxlinkTime.TryParseLocal("0001-01-01 00:00:00", out var local));
        Assert.False(NxlinkTime.TryParse("0001-01-01 00:00:00", zone, out _));
        Assert.False(NxlinkTime.TryFromLocal(local, zone, out _));
        Assert.Null(NxlinkTime.Parse("0001-01-01 00:00:00", zone));
    }

    [Fact]
    public void TryParse_LastSecondWestOfUtc_FalseInsteadOfThrowing()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.False(NxlinkTime.TryParse("9999-12-31 23:59:59", zone, out _));
        Assert.True(NxlinkTime.TryParse("9999-12-31 23:59:59", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), out var east));
        Assert.Equal(new DateTimeOffset(9999, 12, 31, 15, 59, 59, TimeSpan.Zero), east);
    }
}
