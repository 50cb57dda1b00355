namespace Streamer.Samples.Analytics;

/// <summary>The counts at one moment, each sorted by key.</summary>
/// <param name="Events">Distinct events counted.</param>
/// <param name="Duplicates">Deliveries dropped because their EventId was already counted.</param>
/// <param name="ByType">Events per contract type name.</param>
/// <param name="ByDirection">New messages per direction (Inbound, Outbound, System, Unknown).</param>
/// <param name="ByStatus">Statuses reached: a new message's initial status and every status change.</param>
/// <param name="ByHour">Events per hour of <c>OccurredAt</c> in UTC, keyed <c>yyyy-MM-ddTHH:00Z</c>.</param>
public sealed record CountsSnapshot(
    long Events,
    long Duplicates,
    IReadOnlyDictionary<string, long> ByType,
    IReadOnlyDictionary<string, long> ByDirection,
    IReadOnlyDictionary<string, long> ByStatus,
    IReadOnlyDictionary<string, long> ByHour)
{
    /// <summary>One log line: <c>12 events (1 duplicate); type: ChatMessageCreated=4 ...</c>.</summary>
    public override string ToString() =>
        $"{Events} events ({Duplicates} duplicates dropped); type: {Join(ByType)}; direction: {Join(ByDirection)}; status: {Join(ByStatus)}; hour: {Join(ByHour)}";

    private static string Join(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "-" : string.Join(' ', counts.Select(kv => $"{kv.Key}={kv.Value}"));
}
