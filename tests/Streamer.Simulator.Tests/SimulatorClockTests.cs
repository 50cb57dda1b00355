using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary><c>POST /_sim/clock</c>: a step of the simulator's clock, which stamps, the ground truth and the ts check follow.</summary>
public sealed class SimulatorClockTests
{
    private static readonly DateTimeOffset Start = new(2025, 10, 16, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task Clock_StepForwardThenBack_NewChangesAndTheGroundTruthFollowIt()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 6, new FakeTimeProvider(Start));

        await host.BacklogAsync(1, TimeSpan.Zero);
        var ahead = await host.StepClockAsync(Hour);
        await host.BacklogAsync(1, TimeSpan.Zero);
        var hostile = await host.HostileAsync(HostileCases.Date1970);
        var back = await host.StepClockAsync(TimeSpan.Zero);
        await host.BacklogAsync(1, TimeSpan.Zero);
        var changes = await host.ChangesAsync();

        Assert.Equal((Hour, Start + Hour), (ahead.Offset, ahead.Now));
        Assert.Equal((TimeSpan.Zero, Start), (back.Offset, back.Now));
        Assert.Equal(new[] { Start, Start + Hour, Start + Hour, Start }, changes.Select(c => c.At));
        Assert.Equal(NxlinkTime.ToApiText(Start + Hour, SimulatorHost.Zone), changes[2].UpdatedAt);
        Assert.Equal(Assert.Single(hostile.Ids), changes[2].RecordId);
        Assert.Equal(NxlinkTime.ToApiText(Start, SimulatorHost.Zone), changes[3].UpdatedAt);
    }

    [Fact]
    public async Task Clock_StepForward_RecordsChangedBeforeItWaitMinChangeGapOfTimePassed()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await SimulatorHost.StartAsync(
            o =>
            {
                o.Seed = 8;
                o.MinChangeGap = TimeSpan.FromSeconds(4);
                o.BurstSize = 0;
            },
            time);

        var before = await host.BacklogAsync(40, TimeSpan.Zero);
        await host.StepClockAsync(Hour);
        var atOnce = await host.BacklogAsync(40, TimeSpan.Zero);
        time.Advance(TimeSpan.FromSeconds(4));
        await host.BacklogAsync(40, TimeSpan.Zero);
        var changes = await host.ChangesAsync();

        // The stamps jumped an hour, no time passed: a record made before the step is not changed again yet.
        var earlier = changes.Where(c => c.Seq <= before.LastSeq).Select(c => c.RecordId).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(changes, c => c.Seq > before.LastSeq && c.Seq <= atOnce.LastSeq && earlier.Contains(c.RecordId));
        Assert.Contains(changes, c => c.Seq > atOnce.LastSeq && earlier.Contains(c.RecordId));
    }

    [Fact]
    public async Task Clock_StepForward_DateHeaderAndTheTsCheckFollowIt()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Mode = SimulatorMode.Fixtures, new FakeTimeProvider(Start));

        await host.StepClockAsync(Hour);
        using var request = host.RawRequest("tenant_id=1&appkey=demo-appkey&channel=2&page_number=1&page_size=10");
        using var response = await host.Http.SendAsync(request);
        var stale = await response.Content.ReadFromJsonAsync(NxlinkJsonContext.Default.ChatRecordsResponse);
        var onTime = await host.SendRawAsync(host.RawRequest("tenant_id=1&appkey=demo-appkey&channel=2&page_number=1&page_size=10", at: Start + Hour));
        var status = await host.Http.GetFromJsonAsync("/_sim/clock", SimulatorJsonContext.Default.ClockStatus);

        Assert.Equal(NxlinkResultCodes.TimestampExpired, stale!.Code);
        Assert.Equal(Start + Hour, response.Headers.Date);
        Assert.Equal(0, onTime.Code);
        Assert.Equal(Hour, status!.Offset);
    }

    [Theory]
    [InlineData("""{"offset":"31.00:00:00"}""")]
    [InlineData("""{"offset":"-31.00:00:00"}""")]
    public async Task Clock_OffsetBeyondThirtyDays_IsRefusedWith400(string body)
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));

        using var response = await host.Http.PostAsync("/_sim/clock", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var status = await host.Http.GetFromJsonAsync("/_sim/clock", SimulatorJsonContext.Default.ClockStatus);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TimeSpan.Zero, status!.Offset);
    }

    [Fact]
    public async Task Clock_StepsDuringLiveTraffic_TrafficKeepsRunningAndItsStampsFollowTheClock()
    {
        await using var host = await SimulatorHost.StartAsync(o =>
        {
            o.Seed = 7;
            o.BurstInterval = TimeSpan.Zero;
        });
        using var started = await host.Http.PostAsJsonAsync("/_sim/traffic", new TrafficRequest { Changes = 0, Rate = 400 }, SimulatorJsonContext.Default.TrafficRequest);

        await WaitForChangesAsync(host, 50);
        var steppedAt = DateTimeOffset.UtcNow;
        await host.StepClockAsync(Hour);
        var aheadFrom = (await host.StatsAsync()).Changes;
        await WaitForChangesAsync(host, aheadFrom + 50);
        var aheadTo = (await host.StatsAsync()).Changes;
        await host.StepClockAsync(TimeSpan.Zero);
        var backFrom = (await host.StatsAsync()).Changes;
        await WaitForChangesAsync(host, backFrom + 50);
        var running = (await host.StatsAsync()).Generating;
        using var stopped = await host.Http.DeleteAsync(new Uri("/_sim/traffic", UriKind.Relative));
        var changes = await host.ChangesAsync();
        var now = DateTimeOffset.UtcNow;

        Assert.True(running);
        Assert.All(changes.Where(c => c.Seq > aheadFrom && c.Seq <= aheadTo), c => Assert.InRange(c.At, steppedAt + Hour - TimeSpan.FromSeconds(1), now + Hour));
        Assert.All(changes.Where(c => c.Seq > backFrom), c => Assert.InRange(c.At, steppedAt - TimeSpan.FromSeconds(1), now));
    }

    private static async Task WaitForChangesAsync(SimulatorHost host, long changes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while ((await host.StatsAsync()).Changes < changes)
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
