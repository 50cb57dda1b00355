using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Streamer.Nxlink;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Polling;

/// <summary>
/// The per-account and per-host rate limits. Token buckets hold a second's worth of tokens, so what is taken at
/// once (no time passes) shows which buckets a request draws from.
/// </summary>
public sealed class RequestLimitsTests : IDisposable
{
    private readonly TestMeterFactory meters = new();

    public void Dispose() => meters.Dispose();

    [Fact]
    public void AttemptAcquire_AccountsOnOneHost_ShareItsLimit()
    {
        using var limits = new RequestLimits(new PollingOptions { MaxRequestsPerSecond = 100, MaxRequestsPerSecondPerHost = 5 });
        var accounts = Enumerable.Range(0, 3).Select(i => Account($"a{i}", "https://api-hk.nxlink.ai")).ToList();

        var taken = Enumerable.Range(0, 10).Sum(i => Take(limits, accounts[i % 3]));

        Assert.Equal(5, taken);
    }

    [Fact]
    public void AttemptAcquire_AnotherHostOrPort_HasItsOwnLimit()
    {
        using var limits = new RequestLimits(new PollingOptions { MaxRequestsPerSecond = 100, MaxRequestsPerSecondPerHost = 5 });
        var hk = Account("hk", "https://api-hk.nxlink.ai");
        var sg = Account("sg", "https://API-SG.nxlink.ai/");
        var otherPort = Account("local", "https://api-hk.nxlink.ai:8443");

        Assert.Equal(5, Enumerable.Range(0, 10).Sum(_ => Take(limits, hk)));
        Assert.Equal(5, Enumerable.Range(0, 10).Sum(_ => Take(limits, sg)));
        Assert.Equal(5, Enumerable.Range(0, 10).Sum(_ => Take(limits, otherPort)));
    }

    [Fact]
    public void AttemptAcquire_OneAccount_HeldToItsOwnLimitAndLeavesTheHostsToOthers()
    {
        using var limits = new RequestLimits(new PollingOptions { MaxRequestsPerSecond = 3, MaxRequestsPerSecondPerHost = 100 });
        var busy = Account("busy", "https://api-hk.nxlink.ai");
        var other = Account("other", "https://api-hk.nxlink.ai");

        Assert.Equal(3, Enumerable.Range(0, 10).Sum(_ => Take(limits, busy)));
        Assert.Equal(3, Enumerable.Range(0, 10).Sum(_ => Take(limits, other)));
    }

    [Fact]
    public void HostOf_SchemeHostAndPortLowerCase()
    {
        Assert.Equal("https://api-hk.nxlink.ai", RequestLimits.HostOf(Account("a", "https://API-HK.nxlink.ai:443/some/path")));
        Assert.Equal("http://127.0.0.1:5081", RequestLimits.HostOf(Account("a", "http://127.0.0.1:5081")));
    }

    [Fact]
    public async Task Build_TwoAccountPipelinesOnOneHost_CallsBeyondTheHostsBucketWaitForIt()
    {
        // 5 a second for the host, 100 for each account: the host's bucket holds 5 tokens at most, so however
        // late the first call, 12 calls of the two accounts end over at least (12 - 5) / 5 = 1.4 s.
        var options = new PollingOptions { MaxRequestsPerSecond = 100, MaxRequestsPerSecondPerHost = 5 };
        using var limits = new RequestLimits(options);
        var metrics = new StreamerMetrics(meters);
        var time = new FakeTimeProvider();
        var pipelines = new[] { "a", "b" }.Select(n => ApiPipeline.Build(Account(n, "https://api-hk.nxlink.ai"), options, limits, time, metrics, NullLogger.Instance)).ToList();
        var ended = new System.Collections.Concurrent.ConcurrentQueue<long>();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => pipelines[i % 2].ExecuteAsync(_ =>
        {
            ended.Enqueue(TimeProvider.System.GetTimestamp());
            return ValueTask.CompletedTask;
        }).AsTask())).WaitAsync(TimeSpan.FromSeconds(30));

        var span = TimeProvider.System.GetElapsedTime(ended.Min(), ended.Max());
        Assert.True(span >= TimeSpan.FromMilliseconds(1_300), $"12 calls ended within {span}");
    }

    private static NxlinkAccount Account(string name, string baseUrl) =>
        new(name, new Uri(baseUrl), "tenant", "app", "access", "secret", TimeZoneInfo.Utc);

    private static int Take(RequestLimits limits, NxlinkAccount account)
    {
        using var lease = limits.AttemptAcquire(account);
        return lease.IsAcquired ? 1 : 0;
    }
}
