using System.Diagnostics;
using System.Globalization;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Worker.Detection;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (e), in a process of its own so that its RSS is the store's alone: fills the state store of one backend
/// (<c>--backend sqlite</c>, the default, or <c>postgres</c> on the empty database named by
/// <see cref="ConnectionVariable"/>) through its own CommitAsync in large batches, and at each size measures reads
/// and commits shaped like the poller's. Prints <c>figure\tname\tvalue\tdecimals\tmeaning</c> lines for the parent.
/// </summary>
public static class StoreChild
{
    /// <summary>The environment variable that carries the PostgreSQL connection string (never an argument: it holds a password).</summary>
    public const string ConnectionVariable = "BENCH_STORE_POSTGRES";

    private const string Account = "bench";
    private const int FillBatch = 50_000;
    private const int PageSize = 100;
    private const long IdBase = 1_186_000_000_000_000_000;

    // About the size of a ChatMessageCreated event in its envelope (stream_message_bytes).
    private const int EventBytes = 1_750;
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(4);
    private static readonly DateTimeOffset Epoch = DateTimeOffset.UtcNow;
    private static readonly byte[] EventBody = Enumerable.Range(0, EventBytes).Select(i => (byte)('a' + (i % 26))).ToArray();

    /// <summary>Runs the store child.</summary>
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        await using var backend = arguments.Backend switch
        {
            "sqlite" => await StoreBackend.OpenSqliteAsync(Path.Combine(arguments.Directory ?? throw new ArgumentException("--dir is required"), "state.db")),
            "postgres" => await StoreBackend.OpenPostgresAsync(Environment.GetEnvironmentVariable(ConnectionVariable) ?? throw new ArgumentException($"{ConnectionVariable} is required"), Account),
            _ => throw new ArgumentException($"unknown backend {arguments.Backend}"),
        };
        var store = backend.Store;
        var what = backend.Name == "store" ? "SQLite" : "PostgreSQL";
        long filled = 0;
        var fillTime = TimeSpan.Zero;
        foreach (var size in arguments.Sizes)
        {
            var watch = Stopwatch.StartNew();
            while (filled < size)
            {
                var count = (int)Math.Min(FillBatch, size - filled);
                await store.CommitAsync(Account, new StateCommit(Cursor()) { Snapshots = Enumerable.Range(0, count).Select(i => Snapshot(filled + i, version: 1)).ToList(), Fence = backend.Fence }, CancellationToken.None);
                filled += count;
            }

            fillTime += watch.Elapsed;
            var prefix = $"{backend.Name}_{Label(size)}";
            Report($"{prefix}_fill_s", fillTime.TotalSeconds, 0, $"(e) {what}: time to fill the store to {size:N0} records through CommitAsync, {FillBatch:N0} snapshots per commit");
            await MeasureAsync(backend, prefix, what, filled);
            filled = await store.CountAsync(Account, CancellationToken.None);
            if (backend.Name == "store")
            {
                Report($"{prefix}_file_mb", await backend.SizeAsync() / 1048576.0, 0, $"(e) SQLite file size with {size:N0} tracked records (database + WAL; outbox rows of the measured commits included)");
                Report($"{prefix}_rss_mb", ProcStatus.Rss(Environment.ProcessId) / 1048576.0, 0, $"(e) RSS of the store's process with {size:N0} tracked records, after reads and commits");
                Report($"{prefix}_peak_rss_mb", ProcStatus.PeakRss(Environment.ProcessId) / 1048576.0, 0, $"(e) peak RSS (VmHWM) of the store's process up to {size:N0} records, filling included (target < 250)");
            }
            else
            {
                Report($"{prefix}_db_mb", await backend.SizeAsync() / 1048576.0, 0, $"(e) PostgreSQL database size with {size:N0} tracked records (pg_database_size; outbox rows of the measured commits included)");
            }
        }

        return 0;
    }

    private static async Task MeasureAsync(StoreBackend backend, string prefix, string what, long count)
    {
        var store = backend.Store;
        var random = new Random(7);
        var label = Label(count);

        // A page's worth of lookups, ids anywhere in the table: the worst case (re-scans read recent ones).
        long reads = 0;
        long batches = 0;
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
            batches++;
        }

        Report($"{prefix}_reads_per_s", reads / watch.Elapsed.TotalSeconds, 0, $"(e) {what}: snapshots read per second with {label} records: GetSnapshotsAsync of {PageSize} random ids at a time");
        Report($"{prefix}_read_batches_per_s", batches / watch.Elapsed.TotalSeconds, 0, $"(e) {what}: GetSnapshotsAsync calls ({PageSize} ids each) per second with {label} records");

        // A page's worth of writes: half new records, half changes to existing ones, the cursor, and an event per
        // changed record into the outbox (the relay, which deletes them, does not run here).
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

            var events = batch.Select(s => new OutboxEntry(Account, s.RecordId, Guid.NewGuid(), "ChatMessageCreated", EventBody, message: null)).ToList();
            await store.CommitAsync(Account, new StateCommit(Cursor()) { Snapshots = batch, Outbox = events, Fence = backend.Fence }, CancellationToken.None);
            commits++;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        Report($"{prefix}_commits_per_s", commits / seconds, 0, $"(e) {what}: CommitAsync calls per second with {label} records, each {PageSize} snapshots (half new, half updates at random), the cursor and {PageSize} outbox rows of {EventBytes:N0} bytes in one transaction{(backend.Fence is null ? string.Empty : ", fenced by the account's lease")} (outbox rows since 2026-12-02)");
        Report($"{prefix}_commit_records_per_s", commits * PageSize / seconds, 0, $"(e) {what}: snapshots (and as many outbox rows) written per second by those commits");
    }

    /// <summary>A size as the figures name it: 1m, 300k.</summary>
    internal static string Label(long size) => size >= 1_000_000 && size % 1_000_000 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{size / 1_000_000}m")
        : string.Create(CultureInfo.InvariantCulture, $"{size / 1_000}k");

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
