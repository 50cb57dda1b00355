using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Streamer.Nxlink;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;
using Streamer.Worker.State;

namespace Streamer.Tests.Polling;

public sealed class FilterSenseTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
    private readonly TestMeterFactory meters = new();
    private readonly PollingOptions options = new() { FilterOn = TimeFilter.Auto, FilterProbeEvery = TimeSpan.FromMinutes(10) };

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task ProbeIfDueAsync_UpdatedAtApi_LearnsUpdatedAtWithItsRescansAndShowsIt()
    {
        var records = Changed(6);
        var handler = new PageHandler(new FilteringApi(records) { FilterOn = FilteringApi.UpdatedAt }.Answer);
        var (sense, board) = Sense(handler);
        sense.Observe(records);

        var decision = await sense.ProbeIfDueAsync(Now, CancellationToken.None);

        Assert.Equal(new FilterDecision(TimeFilter.UpdatedAt, FilterBasis.Probed, FilterSense.ProbesPerRound, 0, 0, Now), decision);
        Assert.Equal(decision, sense.Decision);
        Assert.Equal(decision, board.Get(TestApi.Account.Name));
        Assert.Equal(options.RescansFor(TimeFilter.UpdatedAt).Select(t => t.Key), sense.Rescans.Select(t => t.Key));
        Assert.NotEqual(options.RescansFor(TimeFilter.CreatedAt).Select(t => t.Key), sense.Rescans.Select(t => t.Key));
    }

    [Fact]
    public async Task ProbeIfDueAsync_CreatedAtApi_LearnsCreatedAt()
    {
        var records = Changed(6);
        var handler = new PageHandler(new FilteringApi(records) { FilterOn = FilteringApi.CreatedAt }.Answer);
        var (sense, _) = Sense(handler);
        sense.Observe(records);

        var decision = await sense.ProbeIfDueAsync(Now, CancellationToken.None);

        Assert.Equal(TimeFilter.CreatedAt, decision?.FilterOn);
        Assert.Equal(FilterBasis.Probed, decision?.Basis);
        Assert.Equal(FilterSense.ProbesPerRound, decision?.CreatedAtVotes);
    }

    [Fact]
    public async Task ProbeIfDueAsync_TimestampsNeverInDifferentSeconds_StaysOnCreatedAtWithoutARequest()
    {
        var records = Enumerable.Range(0, 20).Select(i => TestApi.Record($"r-{i:00}", Now.AddMinutes(-i), "read")).ToList();
        var handler = new PageHandler(new FilteringApi(records).Answer);
        var (sense, _) = Sense(handler);
        sense.Observe(records);

        var decision = await sense.ProbeIfDueAsync(Now, CancellationToken.None);

        Assert.Null(decision);
        Assert.Equal(new FilterDecision(TimeFilter.CreatedAt, FilterBasis.NoEvidence), sense.Decision);
        Assert.Equal(options.RescansFor(TimeFilter.CreatedAt).Select(t => t.Key), sense.Rescans.Select(t => t.Key));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task ProbeIfDueAsync_ApiSwitchesToCreatedAtAfterLearning_DisagreedAtTheNextProbeNotBefore()
    {
        var records = Changed(6);
        var api = new FilteringApi(records) { FilterOn = FilteringApi.UpdatedAt };
        var handler = new PageHandler(api.Answer);
        var (sense, _) = Sense(handler);
        sense.Observe(records);
        await sense.ProbeIfDueAsync(Now, CancellationToken.None);
        api.FilterOn = FilteringApi.CreatedAt;
        var asked = handler.Requests.Count;

        var early = await sense.ProbeIfDueAsync(Now + options.FilterProbeEvery - TimeSpan.FromSeconds(1), CancellationToken.None);
        var askedEarly = handler.Requests.Count;
        var due = await sense.ProbeIfDueAsync(Now + options.FilterProbeEvery, CancellationToken.None);

        Assert.Null(early);
        Assert.Equal(asked, askedEarly);
        Assert.Equal(new FilterDecision(TimeFilter.CreatedAt, FilterBasis.Disagreed, 0, FilterSense.ProbesPerRound, 0, Now + options.FilterProbeEvery), due);
    }

    [Fact]
    public async Task ProbeIfDueAsync_Inconclusive_TriesAgainAfterAMinuteOnly()
    {
        var records = Changed(6);
        var handler = new PageHandler(new FilteringApi(records) { FilterOn = FilteringApi.Either }.Answer);
        var (sense, _) = Sense(handler);
        sense.Observe(records);

        Assert.Null(await sense.ProbeIfDueAsync(Now, CancellationToken.None));
        var asked = handler.Requests.Count;
        Assert.Null(await sense.ProbeIfDueAsync(Now.AddSeconds(59), CancellationToken.None));
        var askedBefore = handler.Requests.Count;
        Assert.Null(await sense.ProbeIfDueAsync(Now.AddMinutes(1), CancellationToken.None));

        Assert.Equal(FilterBasis.NoEvidence, sense.Decision.Basis);
        Assert.True(asked > 0);
        Assert.Equal(asked, askedBefore);
        Assert.Equal(2 * asked, handler.Requests.Count);
    }

    [Theory]
    [InlineData(TimeFilter.CreatedAt)]
    [InlineData(TimeFilter.UpdatedAt)]
    public async Task ProbeIfDueAsync_Configured_NeverProbes(TimeFilter configured)
    {
        options.FilterOn = configured;
        var records = Changed(6);
        var handler = new PageHandler(new FilteringApi(records).Answer);
        var (sense, _) = Sense(handler);
        sense.Observe(records);

        Assert.Null(await sense.ProbeIfDueAsync(Now, CancellationToken.None));
        Assert.Equal(new FilterDecision(configured, FilterBasis.Configured), sense.Decision);
        Assert.Empty(handler.Requests);
    }

    // Records whose updated_at lies a few seconds after their created_at.
    private static List<ChatRecord> Changed(int count) => Enumerable.Range(0, count)
        .Select(i => TestApi.Record($"r-{i:00}", Now.AddMinutes(-10 - i), "delivered", Now.AddMinutes(-10 - i).AddSeconds(5 + i)))
        .ToList();

    private (FilterSense Sense, FilterBoard Board) Sense(PageHandler handler)
    {
        var board = new FilterBoard(new StreamerMetrics(meters));
        return (new FilterSense(TestApi.Account, options, new FilterProbe(TestApi.Client(handler), ResiliencePipeline.Empty), board, NullLogger.Instance), board);
    }
}
