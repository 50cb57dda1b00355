using Microsoft.Extensions.Logging.Abstractions;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Polling;

public sealed class PollPrunerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PruneIfDueAsync_PolledOftenerThanTheInterval_PrunesOncePerIntervalBeyondTheLongestHorizon()
    {
        var options = new PollingOptions
        {
            Rescans =
            [
                new RescanTier { Horizon = TimeSpan.FromHours(2), Every = TimeSpan.Zero },
                new RescanTier { Horizon = TimeSpan.FromHours(30), Every = TimeSpan.FromHours(1) },
            ],
        };
        var store = new FakeStateStore();
        var pruner = new PollPruner("acme", options, TimeSpan.FromMinutes(10), store, NullLogger.Instance);

        await pruner.PruneIfDueAsync(Now, CancellationToken.None);
        await pruner.PruneIfDueAsync(Now.AddMinutes(5), CancellationToken.None);
        await pruner.PruneIfDueAsync(Now.AddMinutes(10).AddTicks(-1), CancellationToken.None);
        await pruner.PruneIfDueAsync(Now.AddMinutes(10), CancellationToken.None);

        // The longest horizon (30 h) plus an hour.
        Assert.Equal([Now.AddHours(-31), Now.AddMinutes(10).AddHours(-31)], store.Prunes);
    }
}
