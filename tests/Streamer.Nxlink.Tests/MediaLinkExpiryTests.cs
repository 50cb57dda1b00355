namespace Streamer.Nxlink.Tests;

public sealed class MediaLinkExpiryTests
{
    [Theory]
    [InlineData("https://xxxxxxx.com/23?Expires=1760597396&", 1760597396L)]
    [InlineData("https://m.test/a.jpg?expires=1760597396", 1760597396L)]
    [InlineData("https://m.test/a.jpg?sig=x&Expires=1760597396&x=1", 1760597396L)]
    [InlineData("https://m.test/a.jpg?Expires=1760597396#part", 1760597396L)]
    [InlineData("/relative/a.jpg?Expires=1760597396", 1760597396L)]
    public void Of_ExpiresParameter_ReadsItsUnixSeconds(string link, long expected) =>
        Assert.Equal(expected, MediaLinkExpiry.Of(link));

    [Theory]
    [InlineData("https://m.test/a.jpg")]
    [InlineData("https://m.test/a.jpg?Expires=soon")]
    [InlineData("https://m.test/a.jpg?Expires=99999999999999")]
    [InlineData("https://m.test/a.jpg?Expires=12")]
    [InlineData("https://m.test/a.jpg?Expires=-1760597396")]
    [InlineData("https://m.test/a.jpg?Expires=1760597396&Expires=1760597999")]
    [InlineData("https://m.test/a.jpg?NotExpires=1760597396")]
    [InlineData("https://m.test/a.jpg?x=Expires=1760597396")]
    [InlineData("/relative/a.jpg")]
    [InlineData(null)]
    public void Of_NoReadableExpiry_IsUnknown(string? link) =>
        Assert.Null(MediaLinkExpiry.Of(link));

    [Fact]
    public void Of_SigV4DurationOnly_IsUnknownNot1970()
    {
        // X-Amz-Expires is a duration: read as a time it would say the link died in 1970.
        Assert.Null(MediaLinkExpiry.Of("https://bucket.s3.amazonaws.com/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600&X-Amz-Signature=abc"));
    }

    [Theory]
    [InlineData("X-Amz-Date", "X-Amz-Expires")]
    [InlineData("X-Goog-Date", "X-Goog-Expires")]
    public void Of_SignedDateAndDuration_IsTheirSum(string dateName, string durationName)
    {
        var signed = new DateTimeOffset(2025, 10, 16, 13, 46, 45, TimeSpan.Zero);
        var link = $"https://bucket.example.com/a.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256&{dateName}={signed:yyyyMMdd'T'HHmmss'Z'}&{durationName}=3600&X-Amz-Signature=abc";

        Assert.Equal(signed.AddHours(1).ToUnixTimeSeconds(), MediaLinkExpiry.Of(link));
    }

    [Theory]
    [InlineData("20251016T134645Z", "0")]
    [InlineData("20251016T134645Z", "604801")]
    [InlineData("2025-10-16T13:46:45Z", "3600")]
    [InlineData("20251016T134645", "3600")]
    public void Of_SignedDateOrDurationUnreadable_IsUnknown(string date, string duration) =>
        Assert.Null(MediaLinkExpiry.Of($"https://bucket.example.com/a.jpg?X-Amz-Date={date}&X-Amz-Expires={duration}"));
}
