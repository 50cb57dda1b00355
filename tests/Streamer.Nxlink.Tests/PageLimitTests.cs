using System.Text;

namespace Streamer.Nxlink.Tests;

public sealed class PageLimitTests
{
    private const long Limit = 64 * 1024;

    private static readonly NxlinkAccount Account = TestAccount.Plain;

    [Fact]
    public async Task GetPage_ContentLengthOverTheLimit_RefusedBeforeAnyByteIsRead()
    {
        using var content = new EndlessContent(announced: 2L * 1024 * 1024 * 1024);

        var error = await Assert.ThrowsAsync<NxlinkPageTooLargeException>(() => Client(content).GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None));

        Assert.Equal(2L * 1024 * 1024 * 1024, error.ContentLength);
        Assert.Equal(Limit, error.Limit);
        Assert.Equal(0, content.Written);
    }

    [Fact]
    public async Task GetPage_ChunkedBodyPastTheLimit_ReadingStopsAtTheLimit()
    {
        using var content = new EndlessContent(announced: null);

        var error = await Assert.ThrowsAsync<NxlinkPageTooLargeException>(() => Client(content).GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None));

        Assert.Null(error.ContentLength);
        Assert.InRange(content.Written, Limit, Limit + 8_192);
    }

    [Fact]
    public async Task GetPage_BodyWithinTheLimit_Read()
    {
        var json = $$"""{"code":0,"total":1,"list":[{"id":"1","content":"{{new string('x', (int)Limit - 100)}}"}]}""";

        var page = await Client(new ByteArrayContent(Encoding.UTF8.GetBytes(json))).GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None);

        Assert.Equal("1", Assert.Single(page.List!).Id);
    }

    [Fact]
    public async Task GetPage_ByteOrderMarkAndAnUnreadableRecord_RawJsonIsTheRecordAsSent()
    {
        const string Bad = """{"id":"9","updated_at":"2025-13-45 99:99:99","content":"x"}""";
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($$"""{"code":0,"total":2,"list":[{"id":"8"},{{Bad}}]}""")).ToArray();

        var page = await Client(new ByteArrayContent(body)).GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None);

        Assert.Equal(Bad, page.List![1].RawJson());
        Assert.Equal("""{"id":"8"}""", page.List[0].RawJson());
    }

    [Fact]
    public async Task GetPage_ApiMessageWithControlCharacters_ErrorCarriesItClean()
    {
        var message = "bad sign\r\n2026-01-01 INFO forged line\u001b[31m" + new string('y', 500);
        var json = $$"""{"code":1003,"message":"{{message.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\u001b", "\\u001b", StringComparison.Ordinal)}}"}""";

        var error = await Assert.ThrowsAsync<NxlinkConfigurationException>(() =>
            Client(new ByteArrayContent(Encoding.UTF8.GetBytes(json))).GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None));

        Assert.Contains("bad sign2026-01-01 INFO forged line[31m", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\u001b', error.Message);
        Assert.DoesNotContain(new string('y', 300), error.Message, StringComparison.Ordinal);
    }

    private static NxlinkClient Client(HttpContent content) => new(new HttpClient(new ContentPageHandler(content)), TimeProvider.System, Limit);
}
