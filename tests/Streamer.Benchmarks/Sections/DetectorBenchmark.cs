using System.Diagnostics;
using System.Globalization;
using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Detection;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (d) The change detector alone, on one thread (so one core): records per second and bytes allocated per
/// record, for records seen unchanged (every re-scan) and for records that changed since their snapshot.
/// </summary>
public static class DetectorBenchmark
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(2);

    /// <summary>Runs (d).</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var backlog = await context.BacklogAsync();
        var records = backlog.Sample.Records.ToArray();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var detection = new DetectionContext(Infrastructure.BenchSimulator.TenantId, zone, ChangeOrigin.Live, DateTimeOffset.UtcNow.AddDays(-7));
        var snapshots = records.Select(r => ChangeDetector.Detect(null, r, detection).Snapshot!).ToArray();
        var changed = records.Select((r, i) => Changed(r, i, zone)).ToArray();

        var unchanged = RunOnOwnThread(records, snapshots, detection);
        if (unchanged.Events != 0)
        {
            throw new InvalidOperationException($"(d) unchanged records produced {unchanged.Events} events.");
        }

        var modified = RunOnOwnThread(changed, snapshots, detection);
        if (modified.Events < modified.Records)
        {
            throw new InvalidOperationException($"(d) {modified.Records} changed records produced only {modified.Events} events.");
        }

        var figures = context.Figures;
        figures.Add("detector_unchanged_records_per_s", unchanged.PerSecond, 0, $"(d) ChangeDetector.Detect on one thread, {records.Length:N0} real records against their own snapshot (the re-scan case; target >= 1,000,000)");
        figures.Add("detector_unchanged_bytes_per_record", unchanged.BytesPerRecord, 1, "(d) bytes allocated per unchanged record (GC.GetAllocatedBytesForCurrentThread)");
        figures.Add("detector_changed_records_per_s", modified.PerSecond, 0, "(d) the same records changed since their snapshot: 1/2 a status step (a name change when the status cannot move), 1/4 a reaction, 1/4 an agent change");
        figures.Add("detector_changed_bytes_per_record", modified.BytesPerRecord, 1, $"(d) bytes allocated per changed record, events and snapshot included ({(double)modified.Events / modified.Records:0.00} events per record)");
    }

    private static DetectorRun RunOnOwnThread(ChatRecord[] records, RecordSnapshot[] snapshots, DetectionContext context)
    {
        DetectorRun? result = null;
        var thread = new Thread(() => result = Run(records, snapshots, context)) { Name = "detector", IsBackground = true };
        thread.Start();
        thread.Join();
        return result!;
    }

    private static DetectorRun Run(ChatRecord[] records, RecordSnapshot[] snapshots, DetectionContext context)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < WarmUp)
        {
            Pass(records, snapshots, context);
        }

        long passes = 0;
        long events = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        watch.Restart();
        while (watch.Elapsed < Measure)
        {
            events += Pass(records, snapshots, context);
            passes++;
        }

        var elapsed = watch.Elapsed;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var total = passes * records.Length;
        return new DetectorRun(total, events, total / elapsed.TotalSeconds, (double)bytes / total);
    }

    private static long Pass(ChatRecord[] records, RecordSnapshot[] snapshots, DetectionContext context)
    {
        long events = 0;
        for (var i = 0; i < records.Length; i++)
        {
            events += ChangeDetector.Detect(snapshots[i], records[i], context).Events.Count;
        }

        return events;
    }

    // A realistic next observation of the record: one second later, with one change of the kinds the API shows.
    private static ChatRecord Changed(ChatRecord record, int index, TimeZoneInfo zone)
    {
        var copy = record.Clone();
        var updated = NxlinkTime.Parse(record.UpdatedAt, zone)!.Value.AddSeconds(1);
        copy.UpdatedAt = NxlinkTime.ToApiText(updated, zone);
        switch (index % 4)
        {
            case 0 or 1 when record.Status is "sent" or "delivered":
                copy.Status = record.Status == "sent" ? "delivered" : "read";
                break;
            case 0 or 1:
                copy.CustomerName = record.CustomerName + " Jr";
                break;
            case 2:
                copy.UserEmoji = record.UserEmoji is null ? "\U0001F44D" : null;
                break;
            default:
                copy.AgentId = string.Create(CultureInfo.InvariantCulture, $"agent-{index % 17}");
                copy.AgentName = "Benchmark Agent";
                copy.AgentAccount = "bench@example.com";
                break;
        }

        return copy;
    }
}
