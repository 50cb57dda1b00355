using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Streamer.Tests.Polling;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Streamer.Tests.Health;

public sealed class AccountsHealthCheckTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(Start);
    private readonly TestMeterFactory meters = new();
    private readonly AccountHealth registry;

    public AccountsHealthCheckTests() => registry = new AccountHealth(time, new StreamerMetrics(meters));

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task Check_PollsSucceedAndSlicesCommit_Healthy()
    {
        for (var minute = 0; minute < 30; minute++)
        {
            registry.Progressed("acme", time.GetUtcNow());
            registry.Polled("acme", time.GetUtcNow());
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(TimeSpan.FromMinutes(1))).Status);
    }

    [Fact]
    public async Task Check_PollsSucceedButNothingCommitsForLongerThanStallAfter_UnhealthySayingSo()
    {
        registry.Progressed("acme", Start);
        for (var minute = 0; minute <= 11; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            registry.Polled("acme", Start);
        }

        var result = await CheckAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("acme: nothing committed for 720 s", result.Description, StringComparison.Ordinal);
        Assert.Contains("Health:StallAfter", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NeverCommittedSinceTheStart_UnhealthyOnceStallAfterPassed()
    {
        time.Advance(TimeSpan.FromMinutes(9));
        registry.Polled("acme", null);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(TimeSpan.FromMinutes(1))).Status);

        time.Advance(TimeSpan.FromMinutes(2));
        registry.Polled("acme", null);
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(TimeSpan.FromMinutes(1))).Status);
    }

    [Fact]
    public async Task Check_IntervalsLongerThanStallAfter_AllowedTheReadyIntervals()
    {
        // A poll every 10 minutes: three intervals (30 minutes) are allowed, not StallAfter's 10.
        registry.Progressed("acme", Start);
        time.Advance(TimeSpan.FromMinutes(20));
        registry.Polled("acme", Start);

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(TimeSpan.FromMinutes(10))).Status);
    }

    private Task<HealthCheckResult> CheckAsync(TimeSpan interval)
    {
        var accounts = new AccountsOptions();
        accounts.Items.Add(new AccountOptions
        {
            Name = "acme",
            BaseUrl = "https://api.test",
            TenantId = "1",
            AppKey = "app",
            AccessKey = "access",
            AccessSecret = "secret",
            TimeZone = "UTC",
            PollInterval = interval,
        });
        var check = new AccountsHealthCheck(
            MsOptions.Create(accounts), MsOptions.Create(new PollingOptions()), MsOptions.Create(new HealthOptions { StallAfter = TimeSpan.FromMinutes(10) }), registry, time);
        return check.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);
    }
}
