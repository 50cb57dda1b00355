using System.Globalization;
using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Detection;

namespace Streamer.Worker.Polling;

/// <summary>
/// Reports the records of an account that cannot be turned into events: counts and logs each one and builds
/// its <see cref="ChatRecordRejected"/>. Re-scans meet the same bad record again and again: once its
/// rejection is confirmed by the broker it is not reported again in this process; after a restart it is
/// published again with the same EventId, which consumers dedupe.
/// </summary>
internal sealed class RejectionReporter(NxlinkAccount account, TimeProvider time, StreamerMetrics metrics, ILogger logger)
{
    // Bounds the memory; forgetting a rejection only means publishing it once more.
    private const int Capacity = 100_000;

    private readonly HashSet<string> published = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>The rejection to publish for <paramref name="record"/>, or null when it was published already.</summary>
    public ChatRecordRejected? Report(ChatRecord record, string reason)
    {
        var raw = record.RawJson();
        var key = KeyOf(record.Id, raw);
        lock (gate)
        {
            if (published.Contains(key))
            {
                return null;
            }

            if (published.Count > Capacity)
            {
                published.Clear();
            }
        }

        metrics.Rejected(account.Name);
        Log.RecordRejected(logger, account.Name, UntrustedText.Clean(record.Id), reason);
        return new ChatRecordRejected
        {
            EventId = EventIds.Create(account.TenantId, record.Id ?? string.Empty, "rejected", key),
            TenantId = account.TenantId,
            Account = account.Name,
            RecordId = record.Id,
            Reason = reason,
            RawJson = raw,
            ObservedAt = time.GetUtcNow(),
        };
    }

    /// <summary>The broker confirmed these rejections: they are not reported again.</summary>
    public void Published(IEnumerable<ChatRecordRejected> rejections)
    {
        lock (gate)
        {
            foreach (var rejection in rejections)
            {
                published.Add(KeyOf(rejection.RecordId, rejection.RawJson));
            }
        }
    }

    private static string KeyOf(string? recordId, string raw) =>
        $"{recordId}|{StableHash.Of(raw).ToString("x16", CultureInfo.InvariantCulture)}";
}
