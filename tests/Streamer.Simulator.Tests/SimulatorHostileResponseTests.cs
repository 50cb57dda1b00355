using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>The hostile response knobs of <c>/_sim/faults</c>: a total that lies and a body that starts with a BOM.</summary>
public sealed class SimulatorHostileResponseTests
{
    private const string Query = "tenant_id=1&appkey=demo-appkey&channel=2&page_number=1&page_size=2";
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [Theory]
    [InlineData(LyingTotals.Huge, 2_000_000_000)]
    [InlineData(LyingTotals.Negative, -7)]
    public async Task ChatRecords_LyingTotal_StatesTheLieWhateverTheQueryButServesTheTrueRecords(string lie, int stated)
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Mode = SimulatorMode.Fixtures);
        var truthful = await host.SendRawAsync(host.RawRequest(Query));

        await host.SetFaultsAsync(new FaultSettings { LyingTotal = lie });
        var first = await host.SendRawAsync(host.RawRequest(Query));
        var third = await host.SendRawAsync(host.RawRequest(Query.Replace("page_number=1", "page_number=3", StringComparison.Ordinal)));
        var empty = await host.SendRawAsync(host.RawRequest(Query.Replace("page_number=1", "page_number=9", StringComparison.Ordinal)));

        Assert.Equal(5, truthful.Total);
        Assert.Equal(new int?[] { stated, stated, stated }, new[] { first.Total, third.Total, empty.Total });
        Assert.Equal(truthful.List!.Select(r => r.Id), first.List!.Select(r => r.Id));
        Assert.Single(third.List!);
        Assert.Empty(empty.List!);
    }

    [Fact]
    public async Task ChatRecords_LyingTotalSetBackToNone_StatesTheTrueCountAgain()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Mode = SimulatorMode.Fixtures);
        await host.SetFaultsAsync(new FaultSettings { LyingTotal = LyingTotals.Huge });

        await host.SetFaultsAsync(new FaultSettings { LyingTotal = LyingTotals.None });
        var page = await host.SendRawAsync(host.RawRequest(Query));

        Assert.Equal(5, page.Total);
    }

    [Fact]
    public async Task ChatRecords_BomOn_EveryBodyStartsWithEfBbBfThenTheJson()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Mode = SimulatorMode.Fixtures);
        await host.SetFaultsAsync(new FaultSettings { Bom = true });

        var page = await BodyAsync(host, host.RawRequest(Query));
        var refused = await BodyAsync(host, host.RawRequest(Query, secret: "wrong-secret"));
        await host.SetFaultsAsync(new FaultSettings { ErrorRate = 1 });
        var failed = await BodyAsync(host, host.RawRequest(Query));

        foreach (var body in new[] { page, refused, failed })
        {
            Assert.Equal(Bom, body[..3]);
            Assert.Equal((byte)'{', body[3]);
        }

        using var json = JsonDocument.Parse(page.AsMemory(3));
        Assert.Equal(2, json.RootElement.GetProperty("list").GetArrayLength());
        using var error = JsonDocument.Parse(refused.AsMemory(3));
        Assert.Equal(NxlinkResultCodes.InvalidSignature, error.RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task ChatRecords_BomOff_BodyStartsWithTheJson()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Mode = SimulatorMode.Fixtures);
        await host.SetFaultsAsync(new FaultSettings { Bom = true });

        await host.SetFaultsAsync(new FaultSettings { Bom = false });
        var body = await BodyAsync(host, host.RawRequest(Query));

        Assert.Equal((byte)'{', body[0]);
    }

    [Fact]
    public async Task Faults_HostileKnobsSet_AreReportedAndLeaveTheOthersAsTheyWere()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.ErrorRate = 0.25);

        await host.SetFaultsAsync(new FaultSettings { LyingTotal = LyingTotals.Negative, Bom = true });
        var set = await host.Http.GetFromJsonAsync("/_sim/faults", SimulatorJsonContext.Default.FaultSettings);

        Assert.Equal(LyingTotals.Negative, set!.LyingTotal);
        Assert.True(set.Bom);
        Assert.Equal(0.25, set.ErrorRate);
    }

    [Fact]
    public async Task Faults_UnknownLyingTotal_IsRefusedWith400AndChangesNothing()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.Http.PostAsJsonAsync(
            "/_sim/faults", new FaultSettings { LyingTotal = "sometimes", ErrorRate = 0.5 }, SimulatorJsonContext.Default.FaultSettings);
        var set = await host.Http.GetFromJsonAsync("/_sim/faults", SimulatorJsonContext.Default.FaultSettings);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(LyingTotals.None, set!.LyingTotal);
        Assert.Equal(0, set.ErrorRate);
    }

    private static async Task<byte[]> BodyAsync(SimulatorHost host, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await host.Http.SendAsync(request);
            return await response.Content.ReadAsByteArrayAsync();
        }
    }
}
