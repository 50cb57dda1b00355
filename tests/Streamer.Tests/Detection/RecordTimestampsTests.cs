using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Detection;

namespace Streamer.Tests.Detection;

public sealed class RecordTimestampsTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // The poll happens 2025-10-16 04:00:00 UTC, shortly after Records.Outbound() was written.
    private static readonly DateTimeOffset Now = new(2025, 10, 16, 4, 0, 0, TimeSpan.Zero);
    private static readonly DetectionContext Live = new("1", Shanghai, ChangeOrigin.Live, NotAfter: RecordTimestamps.NotAfter(Now, Shanghai));

    [Theory]
    [InlineData("0001-01-01 00:00:00", "updated_at is before 2000")]
    [InlineData("1970-01-01 08:00:00", "updated_at is before 2000")]
    [InlineData("2099-06-01 00:00:00", "updated_at is more than a day in the future")]
    [InlineData("9999-12-31 23:59:59", "updated_at is in or after 2100")]
    public void Detect_UnbelievableUpdatedAt_RejectedWithTheReason(string updatedAt, string reason)
    {
        var result = ChangeDetector.Detect(null, Records.Outbound(updatedAt: updatedAt), Live);

        Assert.Equal(reason, result.RejectReason);
    }

    [Fact]
    public void Detect_ZeroCreatedAtEastOfUtc_RejectedNotThrown()
    {
        var result = ChangeDetector.Detect(null, Records.Outbound().With(r => r.CreatedAt = "0001-01-01 00:00:00"), Live);

        Assert.Equal("created_at is before 2000", result.RejectReason);
    }

    [Fact]
    public void Detect_LastSecondOfTheCalendarWestOfUtcWithoutAClock_RejectedNotThrown()
    {
        var context = new DetectionContext("1", NewYork, ChangeOrigin.Live);

        var result = ChangeDetector.Detect(null, Records.Outbound(updatedAt: "9999-12-31 23:59:59"), context);

        Assert.True(result.IsRejected);
    }

    [Fact]
    public void Detect_UpdatedAtWithinADayAhead_Believed()
    {
        var aheadLocal = NxlinkTime.ToApiText(Now.AddHours(23), Shanghai);

        var result = ChangeDetector.Detect(null, Records.Outbound(updatedAt: aheadLocal), Live);

        Assert.False(result.IsRejected);
        Assert.Single(result.Events);
    }

    [Fact]
    public void Detect_UpdatedAtMoreThanADayAhead_RejectedAndTheKnownStateKept()
    {
        var known = ChangeDetector.Detect(null, Records.Outbound(), Live).Snapshot;

        var result = ChangeDetector.Detect(known, Records.Outbound(status: "read", updatedAt: NxlinkTime.ToApiText(Now.AddHours(25), Shanghai)), Live);

        Assert.True(result.IsRejected);
        Assert.Null(result.Snapshot);
    }
}
