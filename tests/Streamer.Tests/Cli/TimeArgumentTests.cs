using Streamer.Worker.Cli;

namespace Streamer.Tests.Cli;

public sealed class TimeArgumentTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData("2026-11-24T08:00:00Z")]
    [InlineData("2026-11-24T16:00:00+08:00")]
    [InlineData("2026-11-24T08:00:00.0000000+00:00")]
    [InlineData("2026-11-24 16:00:00")]
    [InlineData("2026-11-24T16:00:00")]
    [InlineData("2026-11-24 16:00")]
    public void TryParse_WithOrWithoutOffset_SameInstant(string text)
    {
        Assert.True(TimeArgument.TryParse(text, Shanghai, out var value));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), value.ToUniversalTime());
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("24/11/2026 16:00")]
    [InlineData("")]
    public void TryParse_NotATime_False(string text) => Assert.False(TimeArgument.TryParse(text, Shanghai, out _));
}
