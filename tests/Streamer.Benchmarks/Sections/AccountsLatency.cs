using Streamer.Benchmarks.Infrastructure;
using Streamer.Benchmarks.Live;
using Streamer.Simulator.Control;

namespace Streamer.Benchmarks.Sections;

/// <summary>Change-to-broker times of (j): each change's event arrival minus the change's time, tenant 0 apart when it is busy.</summary>
/// <param name="Changes">Changes of the other tenants measured.</param>
/// <param name="P50">Their median, in seconds.</param>
/// <param name="P99">Their p99, in seconds; a change whose event never arrived counts as infinitely late.</param>
/// <param name="Missing">Changes whose event never arrived.</param>
/// <param name="BusyP50">Tenant 0's median, in seconds (infinite when most of its events never arrived).</param>
/// <param name="BusyArrivedPct">Share of tenant 0's changes whose event arrived.</param>
public sealed record AccountsLatency(int Changes, double P50, double P99, int Missing, double BusyP50, double BusyArrivedPct)
{
    /// <summary>The times of <paramref name="changes"/>; tenant 0's apart when <paramref name="busyTenant0"/>.</summary>
    public static AccountsLatency Of(IReadOnlyList<SimChange> changes, TenantList tenants, ArrivalRecorder recorder, bool busyTenant0)
    {
        var others = new List<double>();
        var busy = new List<double>();
        var missing = 0;
        foreach (var change in changes)
        {
            var arrival = recorder.ArrivalOf(ChangeIds.Of(change, tenants.Tenants[change.Tenant].TenantId));
            var seconds = arrival is { } at ? (at - change.At.UtcDateTime).TotalSeconds : double.PositiveInfinity;
            var isBusy = busyTenant0 && change.Tenant == 0;
            (isBusy ? busy : others).Add(seconds);
            missing += arrival is null && !isBusy ? 1 : 0;
        }

        others.Sort();
        busy.Sort();
        return new AccountsLatency(others.Count, Percentiles.Of(others, 50), Percentiles.Of(others, 99), missing,
            busy.Count == 0 ? double.NaN : Percentiles.Of(busy, 50),
            busy.Count == 0 ? double.NaN : 100.0 * busy.Count(double.IsFinite) / busy.Count);
    }
}
