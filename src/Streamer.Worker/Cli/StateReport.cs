using System.Globalization;
using System.Text;
using System.Text.Json;
using Streamer.Worker.State;

namespace Streamer.Worker.Cli;

/// <summary>
/// The output of <c>streamer state</c>: per account its cursor, the lag (now minus the cursor), whether
/// the initial snapshot is done, how many records it tracks, how many media downloads are queued, how many events wait in the outbox for the broker and for how long, which timestamp the API is taken to filter on (and why), when each re-scan tier last ran, and
/// its last pass per horizon (time taken, requests, when). Accounts
/// configured but absent from the file show as not started.
/// </summary>
public static class StateReport
{
    /// <summary>Writes the report as an aligned table.</summary>
    public static void WriteText(TextWriter writer, string statePath, IReadOnlyList<AccountState> states, IReadOnlyList<string> configured, DateTimeOffset now)
    {
        // With PostgreSQL the caller names the database ("database 'x' on host:port").
        writer.WriteLine(statePath.StartsWith("database ", StringComparison.Ordinal) ? $"State {statePath} at {Iso(now)}" : $"State file {statePath} at {Iso(now)}");
        var rows = new List<string[]> { new[] { "ACCOUNT", "CURSOR (UTC)", "LAG", "SNAPSHOT", "RECORDS", "MEDIA QUEUED", "OUTBOX", "OLDEST", "FILTER ON", "TIER RUNS", "LAST PASSES" } };
        foreach (var state in Merge(states, configured))
        {
            rows.Add(state.Cursor is { } cursor
                ? [
                    state.Account,
                    Iso(cursor.Position),
                    Duration(now - cursor.Position),
                    cursor.SnapshotDone ? "done" : "running",
                    state.TrackedRecords.ToString("N0", CultureInfo.InvariantCulture),
                    state.PendingMedia.ToString("N0", CultureInfo.InvariantCulture),
                    state.Outbox.ToString("N0", CultureInfo.InvariantCulture),
                    Oldest(state, now),
                    Filter(state, now),
                    Tiers(cursor, now),
                    Passes(state, now),
                ]
                : [state.Account, "-", "-", "not started", state.TrackedRecords.ToString("N0", CultureInfo.InvariantCulture), state.PendingMedia.ToString("N0", CultureInfo.InvariantCulture), state.Outbox.ToString("N0", CultureInfo.InvariantCulture), Oldest(state, now), Filter(state, now), "-", Passes(state, now)]);
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(i == row.Length - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }

            writer.WriteLine(line.ToString().TrimEnd());
        }
    }

    /// <summary>Writes the report as JSON, for scripts: lag and pass times in seconds, instants in ISO 8601 UTC.</summary>
    public static void WriteJson(TextWriter writer, string statePath, IReadOnlyList<AccountState> states, IReadOnlyList<string> configured, DateTimeOffset now)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(json, statePath, states, configured, now);
        }

        writer.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void Write(Utf8JsonWriter json, string statePath, IReadOnlyList<AccountState> states, IReadOnlyList<string> configured, DateTimeOffset now)
    {
        json.WriteStartObject();
        json.WriteString("stateFile", statePath);
        json.WriteString("now", now.ToUniversalTime());
        json.WriteStartArray("accounts");
        foreach (var state in Merge(states, configured))
        {
            json.WriteStartObject();
            json.WriteString("account", state.Account);
            json.WriteNumber("trackedRecords", state.TrackedRecords);
            json.WriteNumber("pendingMedia", state.PendingMedia);
            json.WriteNumber("outbox", state.Outbox);
            if (state.OutboxOldest is { } oldest)
            {
                json.WriteNumber("outboxOldestAgeSeconds", Math.Round((now - oldest).TotalSeconds, 3));
            }

            if (state.Cursor is { } cursor)
            {
                json.WriteString("cursor", cursor.Position.ToUniversalTime());
                json.WriteNumber("lagSeconds", Math.Round((now - cursor.Position).TotalSeconds, 3));
                json.WriteBoolean("snapshotDone", cursor.SnapshotDone);
                json.WriteStartObject("tierRuns");
                foreach (var (tier, at) in cursor.TierRuns.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    json.WriteString(tier, at.ToUniversalTime());
                }

                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("cursor");
            }

            if (state.Filter is { } filter)
            {
                json.WriteStartObject("filter");
                json.WriteString("filterOn", filter.FilterOn.ToString());
                json.WriteString("basis", filter.Basis.ToString());
                json.WriteNumber("updatedAtVotes", filter.UpdatedAtVotes);
                json.WriteNumber("createdAtVotes", filter.CreatedAtVotes);
                json.WriteNumber("unclear", filter.Unclear);
                if (filter.DecidedAt is { } decided)
                {
                    json.WriteString("decidedAt", decided.ToUniversalTime());
                }

                json.WriteEndObject();
            }

            json.WriteStartArray("passes");
            foreach (var pass in state.Passes.OrderBy(p => p.Horizon, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("horizon", pass.Horizon);
                json.WriteString("finishedAt", pass.FinishedAt.ToUniversalTime());
                json.WriteNumber("seconds", Math.Round(pass.Duration.TotalSeconds, 3));
                json.WriteNumber("requests", pass.Requests);
                json.WriteNumber("records", pass.Records);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A duration as an operator reads it: 4s, 2m05s, 3h10m, 2d04h; negative (a cursor ahead of this clock) with a minus.</summary>
    public static string Duration(TimeSpan span)
    {
        var sign = span < TimeSpan.Zero ? "-" : string.Empty;
        span = span.Duration();
        return sign + (span.TotalSeconds < 60 ? $"{(int)span.TotalSeconds}s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes}m{span.Seconds:00}s"
            : span.TotalHours < 24 ? $"{(int)span.TotalHours}h{span.Minutes:00}m"
            : $"{(int)span.TotalDays}d{span.Hours:00}h");
    }

    private static IEnumerable<AccountState> Merge(IReadOnlyList<AccountState> states, IReadOnlyList<string> configured) =>
        states.Concat(configured.Where(name => states.All(s => s.Account != name)).Select(name => new AccountState(name, null, 0)))
            .OrderBy(s => s.Account, StringComparer.Ordinal);

    private static string Oldest(AccountState state, DateTimeOffset now) =>
        state.OutboxOldest is { } oldest ? Duration(now - oldest) : "-";

    // The last stored decision: "UpdatedAt (Probed 5/0/0, 12m ago)", votes for updated_at/created_at/unclear.
    private static string Filter(AccountState state, DateTimeOffset now) => state.Filter is not { } filter
        ? "-"
        : string.Create(
            CultureInfo.InvariantCulture,
            $"{filter.FilterOn} ({filter.Basis} {filter.UpdatedAtVotes}/{filter.CreatedAtVotes}/{filter.Unclear}{(filter.DecidedAt is { } at ? $", {Duration(now - at)} ago" : string.Empty)})");

    private static string Tiers(AccountCursor cursor, DateTimeOffset now) => cursor.TierRuns.Count == 0
        ? "-"
        : string.Join(", ", cursor.TierRuns.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}: {Duration(now - t.Value)} ago"));

    private static string Passes(AccountState state, DateTimeOffset now) => state.Passes.Count == 0
        ? "-"
        : string.Join("; ", state.Passes.OrderBy(p => p.Horizon, StringComparer.Ordinal).Select(p => string.Create(
            CultureInfo.InvariantCulture,
            $"{p.Horizon} {PassTime(p.Duration)}/{p.Requests}req {Duration(now - p.FinishedAt)} ago")));

    // Short passes to a tenth of a second, where the difference between two passes shows; long ones as durations.
    private static string PassTime(TimeSpan span) =>
        span.TotalSeconds < 60 ? span.TotalSeconds.ToString("0.0's'", CultureInfo.InvariantCulture) : Duration(span);

    private static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
