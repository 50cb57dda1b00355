namespace Streamer.Nxlink.Tests;

public sealed class MediaLinkExpiryTests
{
    [Theory]
    [InlineData("https://xxxxxxx.com/23?Expires=1760597396&", 1760597396L)]
    [InlineData("https://m.test/a.jpg?expires=1760597396", 1760597396L)]
    [InlineData("https://m.test/a.jpg?sig=x&Expires=12&x=1", 12L)]
    [InlineData("https://m.test/a.jpg", null)]
    [InlineData("https://m.test/a.jpg?Expires=soon", null)]
    [InlineData("https://m.test/a.jpg?Expires=99999999999999", null)]
    [InlineData(null, null)]
    public void Of_Link_ReadsItsExpiresParameter(string? link, long? expected) =>
        Assert.Equal(expected, MediaLinkExpiry.Of(link));
}
