using System.Text;

namespace Streamer.Nxlink.Tests;

/// <summary>A record whose fields have the wrong shape is read as unreadable at its place; the rest of the page is read.</summary>
public sealed class RecordListToleranceTests
{
    private static readonly NxlinkAccount Account = TestAccount.Plain;

    [Theory]
    [InlineData("""{"id":"2","template":"x"}""")]
    [InlineData("""{"id":"2","template":{"quality_score":"GREEN"}}""")]
    [InlineData("""{"id":"2","template":{"components":[{"example":{"body_text":["a"]}}]}}""")]
    [InlineData("""{"id":"2","template":{"components":7}}""")]
    public async Task GetPage_OneRecordOfTheWrongShape_ThatRecordUnreadableWithItsRawJsonTheOthersRead(string bad)
    {
        var json = $$"""{"code":0,"total":3,"list":[{"id":"1","content":"first"},{{bad}},{"id":"3","content":"third"}]}""";
        var client = new NxlinkClient(new HttpClient(new StubPageHandler(Encoding.UTF8.GetBytes(json))), TimeProvider.System);

        var page = await client.GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None);

        Assert.Equal(3, page.List!.Count);
        Assert.Equal(["1", null, "3"], page.List.Select(r => r.Id));
        Assert.Equal(["first", null, "third"], page.List.Select(r => r.Content));
        Assert.Null(page.List[0].Unreadable);
        Assert.StartsWith("a field of the record does not have the document's type", page.List[1].Unreadable, StringComparison.Ordinal);
        Assert.Equal(bad, page.List[1].RawJson());
        Assert.Null(page.List[2].Unreadable);
    }

    [Fact]
    public async Task GetPage_ListNotAnArray_Transient()
    {
        var client = new NxlinkClient(new HttpClient(new StubPageHandler(Encoding.UTF8.GetBytes("""{"code":0,"list":"none"}"""))), TimeProvider.System);

        await Assert.ThrowsAsync<NxlinkTransientException>(() => client.GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None));
    }
}
