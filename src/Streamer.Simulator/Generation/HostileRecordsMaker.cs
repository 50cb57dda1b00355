using Streamer.Simulator.Control;
using Streamer.Simulator.Media;
using Streamer.Simulator.Store;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Generation;

/// <summary>
/// Makes the records of <c>POST /_sim/hostile</c>, through the same clock and message factory as live traffic.
/// Whatever their fields say, they are filed at the current second (so they are served in the window a poller
/// reads now) and take no further changes.
/// </summary>
internal sealed class HostileRecordsMaker(SimulatorClock clock, HostileMediaLinks mediaLinks, ILogger<HostileRecordsMaker> logger)
{
    public const int MaxCount = 10_000;

    /// <summary>The content size of a hugeRecord.</summary>
    public const int HugeBytes = 5 * 1024 * 1024;

    /// <summary>The content size of an oversizeRecord when the request gives none.</summary>
    public const int DefaultOversizeBytes = 20 * 1024 * 1024;

    /// <summary>The most content one request may add: a page of such records is rendered in memory.</summary>
    public const long MaxTotalBytes = 256L * 1024 * 1024;

    private const string ZeroDate = "0001-01-01 00:00:00";
    private const string Date1970 = "1970-01-01 00:00:00";
    private const string Date2099 = "2099-12-31 23:59:59";
    private const string Filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ";

    /// <summary>Why <paramref name="request"/> cannot be made, or null.</summary>
    public static string? Check(HostileRequest request)
    {
        if (!HostileCases.All.Contains(request.Case))
        {
            return $"case must be one of {string.Join(", ", HostileCases.All)}.";
        }

        if (request.Count is < 0 or > MaxCount)
        {
            return $"count must be 0..{MaxCount}.";
        }

        if (request.Bytes is not null && (request.Case != HostileCases.OversizeRecord || request.Bytes < 1))
        {
            return "bytes applies to oversizeRecord only and must be at least 1.";
        }

        return ContentBytes(request) is { } bytes && (long)bytes * request.Count > MaxTotalBytes
            ? $"count times the content's bytes must be at most {MaxTotalBytes}."
            : null;
    }

    /// <summary>Adds the records of a request that passed <see cref="Check"/>; <paramref name="port"/> is the simulator's own.</summary>
    public HostileResult Add(Tenant tenant, HostileRequest request, int port)
    {
        var store = tenant.Store;
        var result = new HostileResult { Case = request.Case };

        // One string for the whole batch: the records share it, so only the rendered pages grow with the count.
        var content = ContentBytes(request) is { } bytes ? Text(bytes) : null;
        lock (store.Gate)
        {
            var second = tenant.Changer.Advance(clock.NowSecond);
            var text = clock.Text(second);
            for (var k = 0; k < request.Count; k++)
            {
                AddOne(tenant, request.Case, second, text, content, port, result);
            }
        }

        Log.HostileRecordsAdded(logger, request.Count, request.Case, tenant.Index);
        return result;
    }

    private void AddOne(Tenant tenant, string hostileCase, long second, string text, string? content, int port, HostileResult result)
    {
        var media = IsMedia(hostileCase);
        var (id, record, _) = tenant.Changer.Factory.NewInboundMessage(media ? HostileMediaLinks.MessageType(hostileCase) : MessageTypes.Text, second, text);
        var stored = new StoredRecord(id, record, second, second);
        var marker = $"hostile-record-{id}";
        long? mediaExpires = null;
        switch (hostileCase)
        {
            case HostileCases.ZeroDate:
                (record.CreatedAt, record.UpdatedAt) = (ZeroDate, ZeroDate);
                Reject(tenant.Store, stored, marker, text, second, result);
                return;
            case HostileCases.Unreadable:
                BadRecordVariants.Apply(BadRecordVariants.MalformedUpdatedAt, record, marker);
                Reject(tenant.Store, stored, marker, text, second, result);
                return;
            case HostileCases.Date1970 or HostileCases.Date2099:
                record.CreatedAt = hostileCase == HostileCases.Date1970 ? Date1970 : Date2099;
                result.Absurd.Add(record.Id!);
                break;
            case HostileCases.HugeRecord or HostileCases.OversizeRecord:
                record.Content = content;
                if (hostileCase == HostileCases.OversizeRecord)
                {
                    result.Oversize.Add(record.Id!);
                }

                break;
            default:
                mediaExpires = mediaLinks.Apply(hostileCase, id, record, second, port);
                result.Media.Add(record.Id!);
                break;
        }

        var created = SimChange.Created(record, clock.At(second));
        if (media)
        {
            // From the case itself: an X-Amz-Expires link has no Expires= to read it from.
            created.MediaExpires = mediaExpires;
        }

        result.Ids.Add(record.Id!);
        tenant.Store.Add(stored, created);
    }

    private void Reject(RecordStore store, StoredRecord stored, string marker, string text, long second, HostileResult result)
    {
        stored.Record.Content = marker;
        result.Rejected.Add(marker);
        store.Add(stored, new SimChange { RecordId = marker, Kind = SimChangeKinds.Rejected, CreatedAt = text, UpdatedAt = text, At = clock.At(second) });
    }

    private static bool IsMedia(string hostileCase) => hostileCase is
        HostileCases.MediaLoopback or HostileCases.MediaLinkLocal or HostileCases.MediaRedirect or HostileCases.SvgAsPng or HostileCases.AmzExpires;

    private static int? ContentBytes(HostileRequest request) => request.Case switch
    {
        HostileCases.HugeRecord => HugeBytes,
        HostileCases.OversizeRecord => request.Bytes ?? DefaultOversizeBytes,
        _ => null,
    };

    // ASCII, so its length in characters is its size in bytes, in UTF-8 and in the JSON that carries it.
    private static string Text(int bytes) => string.Create(bytes, 0, static (span, _) =>
    {
        for (var at = 0; at < span.Length; at += Filler.Length)
        {
            Filler.AsSpan(0, Math.Min(Filler.Length, span.Length - at)).CopyTo(span[at..]);
        }
    });
}
