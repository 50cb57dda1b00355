using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Worker.Detection;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (e), in a process of its own so that its RSS is the store's alone: fills SqliteStateStore through its own
/// CommitAsync in large batches, and at each size measures reads and commits shaped like the poller's.
/// Prints <c>figure\tname\tvalue\tdecimals\tmeaning</c> lines for the parent.
/// </summary>
public static class StoreChild
{
    private const string Account = "bench";
    private const int FillBatch = 50_000;
    private const int PageSize = 100;
    private const long IdBase = 1_186_000_000_000_000_000;
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(2);
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UtcNow;

    /// <summary>Runs the store child.</summary>
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var path = Path.Combine(arguments.Directory ?? throw new ArgumentException("--dir is required"), "state.db");
        var database = new SqliteStateDatabase(Options.Create(new StateOptions { Path = path }), [SqliteStateSchema.Migration, SqliteMediaJobSchema.Migration, SqliteStateSchema.SnapshotCutoffMigration, SqliteOutboxSchema.Migration, SqliteStateSchema.PassesMigration], TimeProvider.System, NullLogger<SqliteStateDatabase>.Instance);
        await using (database)
        {
            // As the worker has it: opened once, the media queue taking part in every commit.
            await database.InitializeAsync(CancellationToken.None);
            using var store = new SqliteStateStore(database, [new SqliteMediaJobStore(database)]);
            long filled = 0;
            var fillTime = TimeSpan.Zero;
            foreach (var size in arguments.Sizes)
            {
                var watch = Stopwatch.StartNew();
                while (filled < size)
                {
                    var count = (int)Math.Min(FillBatch, size - filled);
                    await store.CommitAsync(Account, new StateCommit(Cursor()) { Snapshots = Enumerable.Range(0, count).Select(i => Snapshot(filled + i, version: 1)).ToList() }, CancellationToken.None);
                    filled += count;
                }

                fillTime += watch.Elapsed;
                var label = Label(size);
                Report($"store_{label}_fill_s", fillTime.TotalSeconds, 0, $"(e) time to fill the store to {size:N0} records through CommitAsync, {FillBatch:N0} snapshots per commit");
                await MeasureAsync(store, label, filled);
                filled = await store.CountAsync(Account, CancellationToken.None);
                Report($"store_{label}_file_mb", FileSize(path) / 1048576.0, 0, $"(e) SQLite file size with {size:N0} tracked records (database + WAL)");
                Report($"store_{label}_rss_mb", ProcStatus.Rss(Environment.ProcessId) / 1048576.0, 0, $"(e) RSS of the store's process with {size:N0} tracked records, after reads and commits");
                Report($"store_{label}_peak_rss_mb", ProcStatus.PeakRss(Environment.ProcessId) / 1048576.0, 0, $"(e) peak RSS (VmHWM) of the store's process up to {size:N0} records, filling included (target < 250)");
            }
        }

        return 0;
    }

    private static async Task MeasureAsync(SqliteStateStore store, string label, long count)
    {
        var random = new Random(7);

        // A page's worth of lookups, ids anywhere in the table: the worst case (re-scans read recent ones).
        long reads = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Measure)
        {
            var ids = Enumerable.Range(0, PageSize).Select(_ => Id(random.NextInt64(count))).ToList();
            var found = await store.GetSnapshotsAsync(Account, ids, CancellationToken.None);
            if (found.Count != ids.Distinct().Count())
            {
                throw new InvalidOperationException($"(e) {found.Count} of {ids.Count} snapshots found.");
            }

            reads += ids.Count;
        }

        Report($"store_{label}_reads_per_s", reads / watch.Elapsed.TotalSeconds, 0, $"(e) snapshots read per second with {Label(count)} records: GetSnapshotsAsync of {PageSize} random ids at a time");

        // A page's worth of writes: half new records, half changes to existing ones, plus the cursor.
        long commits = 0;
        var next = count;
        watch.Restart();
        while (watch.Elapsed < Measure)
        {
            var batch = new List<RecordSnapshot>(PageSize);
            for (var i = 0; i < PageSize / 2; i++)
            {
                batch.Add(Snapshot(next++, version: 1));
                batch.Add(Snapshot(random.NextInt64(count), version: 2));
            }

            await store.CommitAsync(Account, new StateCommit(Cursor()) { Snapshots = batch }, CancellationToken.None);
            commits++;
        }

        Report($"store_{label}_commits_per_s", commits / watch.Elapsed.TotalSeconds, 0, $"(e) CommitAsync calls per second with {Label(count)} records, each {PageSize} snapshots (half new, half updates at random) and the cursor in one transaction");
    }

    private static string Label(long size) => size >= 1_000_000 && size % 1_000_000 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{size / 1_000_000}m")
        : string.Create(CultureInfo.InvariantCulture, $"{size / 1_000}k");

    private static long FileSize(string path) =>
        new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);

    // Ids like the API's: 19 digits, increasing with creation; deterministic so none has to be kept in memory.
    private static string Id(long index) =>
        (IdBase + (index * 4096) + (long)(Mix((ulong)index) % 4096)).ToString(CultureInfo.InvariantCulture);

    private static RecordSnapshot Snapshot(long index, long version)
    {
        var updated = Epoch.AddSeconds(-(index % 604_800));
        var hashes = new ulong[RecordFields.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = Mix(((ulong)index * 31) + (ulong)i + (ulong)version);
        }

        var status = (index % 4) switch
        {
            0 => "sent",
            1 => "delivered",
            2 => "read",
            _ => null,
        };
        return new RecordSnapshot(Id(index), updated.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), updated.ToUnixTimeSeconds(), status, index % 10 == 0 ? "\U0001F44D" : null, version, hashes);
    }

    private static AccountCursor Cursor() => new(DateTimeOffset.UtcNow, SnapshotDone: true, new Dictionary<string, DateTimeOffset>());

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        return x ^ (x >> 33);
    }

    private static void Report(string name, double value, int decimals, string meaning)
    {
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"figure\t{name}\t{value:R}\t{decimals}\t{meaning}"));
        Console.Out.Flush();
    }
}
