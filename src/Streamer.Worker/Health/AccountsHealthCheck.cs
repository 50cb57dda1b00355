using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Health;

/// <summary>
/// Readiness of the polling: every configured account polled successfully within
/// <see cref="HealthOptions.ReadyWithinIntervals"/> of its intervals, and committed a slice read from the API
/// within <see cref="HealthOptions.StallAfter"/> (or those intervals, when longer): polls that succeed without
/// committing anything are a stall too. The description names each account that is behind and why (its last
/// error, when there is one).
/// </summary>
internal sealed class AccountsHealthCheck(
    IOptions<AccountsOptions> accounts,
    IOptions<PollingOptions> polling,
    IOptions<HealthOptions> health,
    AccountHealth registry,
    TimeProvider time,
    InstanceAccounts? instance = null) : IHealthCheck
{
    /// <summary>The check's name in <c>/healthz/ready</c>.</summary>
    public const string Name = "accounts";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var late = new List<string>();

        // The accounts this instance polls (with leases, its share); the configured ones until polling started.
        var assigned = instance?.Current;
        var polled = assigned?.Select(a => a.Account).ToList() ?? accounts.Value.Items;
        foreach (var account in polled)
        {
            var allowed = (account.PollInterval ?? polling.Value.Interval) * health.Value.ReadyWithinIntervals;
            var status = registry.Of(account.Name);
            if (status.LastSuccess is not { } last)
            {
                late.Add($"{account.Name}: no successful poll yet{Because(status.LastError)}");
            }
            else if (now - last > allowed)
            {
                late.Add(string.Create(CultureInfo.InvariantCulture, $"{account.Name}: last successful poll {(now - last).TotalSeconds:0} s ago (allowed {allowed.TotalSeconds:0.#} s){Because(status.LastError)}"));
            }
            else if (now - (status.LastProgress ?? registry.Started) is var idle && idle > Max(health.Value.StallAfter, allowed))
            {
                late.Add(string.Create(CultureInfo.InvariantCulture, $"{account.Name}: nothing committed for {idle.TotalSeconds:0} s although polls succeed (allowed {Max(health.Value.StallAfter, allowed).TotalSeconds:0.#} s, Health:StallAfter){Because(status.LastError)}"));
            }
        }

        return Task.FromResult(late.Count == 0
            ? HealthCheckResult.Healthy($"{polled.Count} account(s) polled within {health.Value.ReadyWithinIntervals} intervals.{Leased(assigned)}")
            : HealthCheckResult.Unhealthy(string.Join("; ", late)));
    }

    // With leases, which accounts this instance holds and under which fencing token (the first 50).
    private static string Leased(IReadOnlyList<AccountAssignment>? assigned) =>
        assigned is null || !assigned.Any(a => a.Fence is not null)
            ? string.Empty
            : $" Held by instance {assigned.First(a => a.Fence is not null).Fence!.Instance}: {string.Join(", ", assigned.Take(50).Select(a => $"{a.Name} (token {a.Fence?.Token})"))}{(assigned.Count > 50 ? ", ..." : string.Empty)}.";

    private static string Because(string? error) => error is null ? string.Empty : $" ({error})";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
