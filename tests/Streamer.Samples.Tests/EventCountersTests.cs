using Microsoft.Extensions.Options;
using Streamer.Contracts;
using Streamer.Samples.Analytics;

namespace Streamer.Samples.Tests;

public sealed class EventCountersTests
{
    [Fact]
    public void Count_SameEventIdTwice_CountsOnceAndTheDuplicate()
    {
        var counters = New(window: 10);
        var created = TestEvents.Created("r1", status: "sent", direction: ChatDirection.System);

        Assert.True(counters.Count(created));
        Assert.False(counters.Count(created));

        var counts = counters.Snapshot();
        Assert.Equal((1L, 1L), (counts.Events, counts.Duplicates));
        Assert.Equal(new Dictionary<string, long> { ["System"] = 1 }, counts.ByDirection);
        Assert.Equal(new Dictionary<string, long> { ["sent"] = 1 }, counts.ByStatus);
    }

    [Fact]
    public void Count_IdOlderThanTheWindow_IsCountedAgain()
    {
        var counters = New(window: 2);
        var first = TestEvents.Reaction("r1", 2);

        counters.Count(first);
        counters.Count(TestEvents.Reaction("r2", 2));
        counters.Count(TestEvents.Reaction("r3", 2));

        Assert.True(counters.Count(first));
    }

    [Fact]
    public void ToString_Snapshot_IsOneReadableLine()
    {
        var counters = New(window: 10);
        counters.Count(TestEvents.Created("r1"));
        counters.Count(TestEvents.Status("r1", 2, null, "sent"));

        Assert.Equal(
            "2 events (0 duplicates dropped); type: ChatMessageCreated=1 ChatMessageStatusChanged=1; direction: Outbound=1; status: sent=1; hour: 2026-11-24T02:00Z=2",
            counters.Snapshot().ToString());
    }

    private static EventCounters New(int window) =>
        new(Options.Create(new AnalyticsOptions { DeduplicationWindow = window }));
}
