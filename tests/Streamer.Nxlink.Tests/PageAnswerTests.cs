using System.Text;

namespace Streamer.Nxlink.Tests;

/// <summary>What the client makes of an answer that lies about its outcome or about the server's clock.</summary>
public sealed class PageAnswerTests
{
    private static readonly NxlinkAccount Account = TestAccount.Plain;

    private static readonly byte[] Expired = Encoding.UTF8.GetBytes("""{"code":1004,"message":"timestamp expired"}""");

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"list":[]}""")]
    [InlineData("""{"message":"gateway error","total":0,"list":[]}""")]
    public async Task GetPage_NoResultCode_TransientNotAnEmptyPage(string body)
    {
        var client = new NxlinkClient(new HttpClient(new StubPageHandler(Encoding.UTF8.GetBytes(body))), TimeProvider.System);

        var error = await Assert.ThrowsAsync<NxlinkTransientException>(() => client.GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None));

        Assert.Contains("without a result code", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPage_TimestampExpiredWithAServerClockMinutesAhead_CorrectsByTheDifference()
    {
        var client = new NxlinkClient(new HttpClient(new DatedPageHandler(Expired, DateTimeOffset.UtcNow.AddMinutes(5))), TimeProvider.System);

        await Assert.ThrowsAsync<NxlinkClockSkewException>(() => client.GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None));

        Assert.InRange(client.ClockOffset(Account), TimeSpan.FromMinutes(4.9), TimeSpan.FromMinutes(5.1));
    }

    [Theory]
    [InlineData(9999)]
    [InlineData(1)]
    [InlineData(2031)]
    public async Task GetPage_TimestampExpiredWithAnAbsurdServerClock_LearnsNothingAndKeepsAsking(int year)
    {
        var handler = new DatedPageHandler(Expired, new DateTimeOffset(year, 12, 31, 23, 59, 59, TimeSpan.Zero));
        var client = new NxlinkClient(new HttpClient(handler), TimeProvider.System);

        await Assert.ThrowsAsync<NxlinkClockSkewException>(() => client.GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None));
        await Assert.ThrowsAsync<NxlinkClockSkewException>(() => client.GetPageAsync(Account, new ChatRecordsQuery(), CancellationToken.None));

        Assert.Equal(TimeSpan.Zero, client.ClockOffset(Account));
        Assert.Equal(2, handler.Requests);
    }
}
