using Microsoft.Extensions.Time.Testing;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>The endpoint's checks, in the document's order and codes, against the running simulator.</summary>
public sealed class SimulatorAuthTests(BacklogSimulatorFixture fixture) : IClassFixture<BacklogSimulatorFixture>
{
    private const string GoodQuery = "tenant_id=1&appkey=demo-appkey&channel=2&page_number=1&page_size=10";

    private SimulatorHost Host => fixture.Host;

    [Fact]
    public async Task GetPage_CorrectRequest_ReturnsCodeZeroWithAFullPage()
    {
        var page = await Host.Client.GetPageAsync(Host.Account(), new ChatRecordsQuery { PageSize = 10 }, CancellationToken.None);

        Assert.Equal(0, page.Code);
        Assert.Equal(fixture.Truth.Count, page.Total);
        Assert.Equal(1, page.PageNumber);
        Assert.Equal(10, page.PageSize);
        Assert.Equal(10, page.List!.Count);
        Assert.False(string.IsNullOrEmpty(page.TraceId));
    }

    [Fact]
    public async Task GetPage_WrongSecret_ThrowsConfigurationException1003()
    {
        var ex = await Assert.ThrowsAsync<NxlinkConfigurationException>(() =>
            Host.Client.GetPageAsync(Host.Account(accessSecret: "wrong-secret"), new ChatRecordsQuery(), CancellationToken.None));

        Assert.Equal(1003, ex.Code);
    }

    [Fact]
    public async Task GetPage_WrongAccessKey_ThrowsConfigurationException1005()
    {
        var ex = await Assert.ThrowsAsync<NxlinkConfigurationException>(() =>
            Host.Client.GetPageAsync(Host.Account(accessKey: "someone-else"), new ChatRecordsQuery(), CancellationToken.None));

        Assert.Equal(1005, ex.Code);
    }

    [Fact]
    public async Task RawRequest_CorrectlySignedTwoMinutesOldTs_Returns1004()
    {
        var page = await Host.SendRawAsync(Host.RawRequest(GoodQuery, at: Host.Time.GetUtcNow().AddMinutes(-2)));

        Assert.Equal(1004, page.Code);
        Assert.StartsWith("Authentication issue", page.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawRequest_TsInSeconds_Returns1004()
    {
        var page = await Host.SendRawAsync(Host.RawRequest(GoodQuery, h =>
        {
            h["ts"] = Host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            h["sign"] = NxlinkSigner.Sign(h["accessKey"], h["action"], h["bizType"], h["ts"], null, "demo-access-secret");
        }));

        Assert.Equal(1004, page.Code);
    }

    [Fact]
    public async Task GetPage_ClientClockTwoMinutesBehind_ThrowsClockSkewAndLearnsTheOffset()
    {
        var behind = new FakeTimeProvider(Host.Time.GetUtcNow().AddMinutes(-2));
        var client = new NxlinkClient(Host.Http, behind);
        var account = Host.Account();

        var ex = await Assert.ThrowsAsync<NxlinkClockSkewException>(() => client.GetPageAsync(account, new ChatRecordsQuery(), CancellationToken.None));

        Assert.Equal(1004, ex.Code);
        Assert.NotNull(ex.ServerTime);
        Assert.InRange(client.ClockOffset(account), TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(140));
        var retried = await client.GetPageAsync(account, new ChatRecordsQuery(), CancellationToken.None);
        Assert.Equal(0, retried.Code);
    }

    [Theory]
    [InlineData("accessKey")]
    [InlineData("ts")]
    [InlineData("bizType")]
    [InlineData("action")]
    [InlineData("sign")]
    public async Task RawRequest_MissingHeader_Returns1001NamingIt(string header)
    {
        var page = await Host.SendRawAsync(Host.RawRequest(GoodQuery, h => h.Remove(header)));

        Assert.Equal(1001, page.Code);
        Assert.Contains(header, page.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawRequest_BizType1_Returns1002()
    {
        var page = await Host.SendRawAsync(Host.RawRequest(GoodQuery, h => h["bizType"] = "1"));

        Assert.Equal(1002, page.Code);
    }

    [Fact]
    public async Task RawRequest_ActionSend_Returns1002()
    {
        var page = await Host.SendRawAsync(Host.RawRequest(GoodQuery, h => h["action"] = "send"));

        Assert.Equal(1002, page.Code);
    }

    [Fact]
    public async Task RawRequest_MissingHeaderAndWrongBizType_ReportsTheMissingHeaderFirst()
    {
        var page = await Host.SendRawAsync(Host.RawRequest(GoodQuery, h =>
        {
            h.Remove("sign");
            h["bizType"] = "1";
        }));

        Assert.Equal(1001, page.Code);
    }

    [Fact]
    public async Task GetPage_PageSize101_ThrowsConfigurationException22072()
    {
        var ex = await Assert.ThrowsAsync<NxlinkConfigurationException>(() =>
            Host.Client.GetPageAsync(Host.Account(), new ChatRecordsQuery { PageSize = 101 }, CancellationToken.None));

        Assert.Equal(22072, ex.Code);
        Assert.Contains("page_size", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tenant_id=1&appkey=demo-appkey&channel=2&page_number=1&page_size=0", "page_size")]
    [InlineData("tenant_id=1&appkey=demo-appkey&channel=2&page_number=0&page_size=10", "page_number")]
    [InlineData("tenant_id=1&appkey=demo-appkey&channel=2&page_size=10", "page_number")]
    [InlineData("tenant_id=1&appkey=demo-appkey&channel=1&page_number=1&page_size=10", "channel")]
    [InlineData("tenant_id=1&appkey=demo-appkey&page_number=1&page_size=10", "channel")]
    [InlineData(GoodQuery + "&start_time=2025-10-16T11:11:02", "start_time")]
    [InlineData(GoodQuery + "&end_time=2025-10-16%2011:11", "end_time")]
    [InlineData(GoodQuery + "&order_by=up", "order_by")]
    public async Task RawRequest_InvalidParameter_Returns22072NamingIt(string query, string parameter)
    {
        var page = await Host.SendRawAsync(Host.RawRequest(query));

        Assert.Equal(22072, page.Code);
        Assert.StartsWith("Parameter error", page.Message, StringComparison.Ordinal);
        Assert.Contains(parameter, page.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawRequest_MissingTenantId_Returns21058()
    {
        var page = await Host.SendRawAsync(Host.RawRequest("appkey=demo-appkey&channel=2&page_number=1&page_size=10"));

        Assert.Equal(21058, page.Code);
        Assert.Contains("tenant_id", page.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawRequest_MissingAppKey_Returns21059()
    {
        var page = await Host.SendRawAsync(Host.RawRequest("tenant_id=1&channel=2&page_number=1&page_size=10"));

        Assert.Equal(21059, page.Code);
    }

    [Fact]
    public async Task GetPage_WrongAppKey_ThrowsConfigurationException22016()
    {
        var ex = await Assert.ThrowsAsync<NxlinkConfigurationException>(() =>
            Host.Client.GetPageAsync(Host.Account(appKey: "other-app"), new ChatRecordsQuery(), CancellationToken.None));

        Assert.Equal(22016, ex.Code);
    }

    [Fact]
    public async Task GetPage_WrongTenant_ThrowsConfigurationException22016()
    {
        var ex = await Assert.ThrowsAsync<NxlinkConfigurationException>(() =>
            Host.Client.GetPageAsync(Host.Account(tenantId: "2"), new ChatRecordsQuery(), CancellationToken.None));

        Assert.Equal(22016, ex.Code);
    }

    [Fact]
    public async Task RawRequest_AnyAnswer_CarriesADateHeader()
    {
        using var request = Host.RawRequest(GoodQuery);
        using var response = await Host.Http.SendAsync(request);

        Assert.NotNull(response.Headers.Date);
    }
}
