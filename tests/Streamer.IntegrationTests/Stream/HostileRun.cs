using System.Net.Http.Json;
using Streamer.Contracts;
using Streamer.Simulator.Control;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// What one hostile end-to-end run produced, taken before its scenario is disposed: the comparison of the
/// good records' events with the ground truth, what the hostile step added, the rejections and media
/// outcomes received, the worker's state and the API's counts.
/// </summary>
public sealed class HostileRun
{
    public required bool WorkerRunning { get; init; }

    public required int WorkerStarts { get; init; }

    public required string WorkerLogTail { get; init; }

    public required IReadOnlyList<ChatRecordRejected> Rejected { get; init; }

    public required IReadOnlyList<object> Media { get; init; }

    public required StreamComparison Comparison { get; init; }

    public required IReadOnlyList<HostileResult> Added { get; init; }

    public required SimStats Stats { get; init; }

    public required double Seconds { get; init; }

    /// <summary>API requests per second over the run: bounded when nothing loops.</summary>
    public double RequestsPerSecond => Stats.Requests / Seconds;

    /// <summary>The rejections received for the records whose content holds <paramref name="marker"/> or whose id it is.</summary>
    public IReadOnlyList<ChatRecordRejected> RejectionsOf(string marker) =>
        [.. Rejected.Where(r => r.RecordId == marker || r.RawJson.Contains(marker, StringComparison.Ordinal)).DistinctBy(r => r.EventId)];

    /// <summary>The media outcome received for <paramref name="recordId"/>, or null.</summary>
    public object? MediaOutcomeOf(string recordId) =>
        Media.FirstOrDefault(m => m is ChatMediaArchiveOutcome o && o.RecordId == recordId);

    /// <summary>Reads what the simulator counted.</summary>
    public static async Task<SimStats> StatsAsync(StreamScenario scenario) =>
        (await scenario.Simulator.Http.GetFromJsonAsync<SimStats>("/_sim/stats"))!;
}
