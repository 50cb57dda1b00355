using Streamer.Worker.Configuration;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>
/// Measures an account's passes (one poll's window read from its first slice to its last) per horizon: the
/// time and requests each took go to metrics and, with the window's last commit, to the state file. A pass
/// longer than the poll interval is warned about once until passes fit again: while a pass runs nothing else
/// of the account is read, so a state shorter than a pass can go unseen.
/// </summary>
internal sealed class PassMeter(string account, TimeSpan interval, TimeProvider time, StreamerMetrics metrics, ILogger logger)
{
    private bool overInterval;

    /// <summary>A timestamp for <see cref="Finish"/>.</summary>
    public long Start() => time.GetTimestamp();

    /// <summary>The pass of <paramref name="plan"/> started at <paramref name="started"/> read its last slice.</summary>
    public PassSummary Finish(WindowPlan plan, long started, int requests, int records)
    {
        var elapsed = time.GetElapsedTime(started);
        var horizon = Horizon(plan);
        metrics.Pass(account, horizon, elapsed, requests);
        if (elapsed > interval && !overInterval)
        {
            Log.PassSlow(logger, account, horizon, elapsed, requests, interval);
        }
        else if (elapsed <= interval && overInterval)
        {
            Log.PassFitsAgain(logger, account, horizon, elapsed, interval);
        }

        overInterval = elapsed > interval;
        return new PassSummary(horizon, time.GetUtcNow(), elapsed, requests, records);
    }

    /// <summary>
    /// What a pass covered, as a short label: <c>snapshot</c>; the widest re-scan tier due (<c>15m</c>,
    /// <c>1d</c>); or <c>incremental</c> when none was.
    /// </summary>
    public static string Horizon(WindowPlan plan)
    {
        if (plan.Snapshot)
        {
            return "snapshot";
        }

        var widest = plan.TiersDue.Select(t => t.Horizon).DefaultIfEmpty().Max();
        return widest <= TimeSpan.Zero ? "incremental" : RescanTier.Label(widest);
    }
}
