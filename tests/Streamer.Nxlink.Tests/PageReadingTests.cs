using System.Text;

namespace Streamer.Nxlink.Tests;

public sealed class PageReadingTests
{
    private static readonly NxlinkAccount Account = TestAccount.Plain;

    [Fact]
    public async Task GetPage_LargeBody_ReadsEveryRecordAndItsRawJson()
    {
        // 100 records of ~3 KB: a 300 KB page, larger than the API usually sends.
        var records = Enumerable.Range(0, 100).Select(i => $$"""{"id":"{{i}}","content":"{{new string('x', 3_000 + i)}}","created_at":"2026-11-25 10:00:00"}""");
        var json = $$"""{"code":0,"total":100,"list":[{{string.Join(',', records)}}]}""";

        var page = await Client(Encoding.UTF8.GetBytes(json)).GetPageAsync(Account, new ChatRecordsQuery { PageSize = 100 }, CancellationToken.None);

        Assert.Equal(100, page.List!.Count);
        Assert.Equal(3_099, page.List[99].Content!.Length);
        Assert.Equal($$"""{"id":"57","content":"{{new string('x', 3_057)}}","created_at":"2026-11-25 10:00:00"}""", page.List[57].RawJson());
    }

    [Fact]
    public async Task GetPage_ByteOrderMark_Skipped()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"code":0,"total":1,"list":[{"id":"7"}]}""")).ToArray();

        var page = await Client(body).GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None);

        Assert.Equal("7", Assert.Single(page.List!).Id);
    }

    [Fact]
    public async Task GetPage_RecordsOfEveryShape_EachRawJsonExactlyAsSent()
    {
        string[] sent =
        [
            """{"id":"1","content":"say \"hi\" [not a list] {nor an object}","template":{"components":[{"buttons":[]}]}}""",
            """{ "id" : "2" , "user_emoji" : "\ud83d\udc4d" }""",
            """{"id":"3","content":"空格键 👨‍👩‍👧"}""",
        ];
        var json = $$"""{"code":0,"total":3,"extra":{"list":[{"id":"decoy"}]},"list":[{{string.Join(" , ", sent)}}],"trailer":[1]}""";

        var page = await Client(Encoding.UTF8.GetBytes(json)).GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None);

        Assert.Equal(sent, page.List!.Select(r => r.RawJson()));
    }

    [Fact]
    public async Task GetPage_ListGivenTwice_RawJsonFromTheListTheRecordsCameFrom()
    {
        var json = """{"code":0,"list":[{"id":"first"}],"list":[{"id":"second","content":"x"}]}""";

        var page = await Client(Encoding.UTF8.GetBytes(json)).GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None);

        var record = Assert.Single(page.List!);
        Assert.Equal("second", record.Id);
        Assert.Equal("""{"id":"second","content":"x"}""", record.RawJson());
    }

    [Theory]
    [InlineData("""{"code":0,"list":[]} trailing""")]
    [InlineData("""{"code":0,"list":[{"id":"1"}""")]
    [InlineData("")]
    public async Task GetPage_NotOneJsonValue_Transient(string body)
    {
        await Assert.ThrowsAsync<NxlinkTransientException>(() =>
            Client(Encoding.UTF8.GetBytes(body)).GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None));
    }

    private static NxlinkClient Client(byte[] body) => new(new HttpClient(new StubPageHandler(body)), TimeProvider.System);
}
