using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Streamer.Tests.Polling;
using Streamer.Worker;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Streamer.Tests.Cluster;

/// <summary>Readiness with leases: it covers the accounts this instance holds, and names them with their tokens.</summary>
public sealed class InstanceHealthTests : IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
    private readonly TestMeterFactory meters = new();
    private readonly AccountHealth registry;
    private readonly InstanceAccounts instance = new();
    private readonly AccountsHealthCheck check;

    public InstanceHealthTests()
    {
        registry = new AccountHealth(time, new StreamerMetrics(meters));
        var configured = new AccountsOptions();
        configured.Items.AddRange([FakeAccountDirectory.Account("a"), FakeAccountDirectory.Account("b"), FakeAccountDirectory.Account("c")]);
        check = new AccountsHealthCheck(MsOptions.Create(configured), MsOptions.Create(new PollingOptions()), MsOptions.Create(new HealthOptions()), registry, time, instance);
    }

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task Check_InstanceHoldsTwoOfThreeAccountsBothPolled_HealthyNamingThemWithTheirTokens()
    {
        instance.Set([Held("a", 4), Held("c", 9)]);
        Polled("a", "c");

        var result = await check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("2 account(s) polled within 3 intervals. Held by instance worker-1: a (token 4), c (token 9).", result.Description);
    }

    [Fact]
    public async Task Check_HeldAccountNotPolled_UnhealthyNamingOnlyIt()
    {
        instance.Set([Held("a", 4), Held("b", 5)]);
        Polled("a");

        var result = await check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("b: no successful poll yet", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BeforeTheFirstAssignment_EveryConfiguredAccountCounts()
    {
        Polled("a", "b");

        var result = await check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("c: no successful poll yet", result.Description, StringComparison.Ordinal);
    }

    private static AccountAssignment Held(string name, long token) => new(FakeAccountDirectory.Account(name), new FencingToken("worker-1", name, token));

    private void Polled(params string[] names)
    {
        foreach (var name in names)
        {
            registry.Progressed(name, time.GetUtcNow());
            registry.Polled(name, time.GetUtcNow());
        }
    }
}
