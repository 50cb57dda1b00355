using Streamer.Testing;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// The stream drain of (c) on the PostgreSQL state backend against SQLite, in the same run: the worker process
/// drains the same backlog once per backend, each time with fresh state (a new SQLite file; a new database of its
/// own on the PostgreSQL of eng/postgres.sh). The drains run in the order SQLite, PostgreSQL, PostgreSQL, SQLite so
/// that a drift of the shared machine's load, and the simulator's own warm-up, weigh on both backends alike.
/// </summary>
public static class PgStreamBenchmark
{
    /// <summary>Runs the section.</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var backlog = await context.BacklogAsync();
        var sqlite = new List<DrainResult>();
        var postgres = new List<DrainResult>();
        foreach (var backend in new[] { "sqlite", "postgres", "postgres", "sqlite" })
        {
            if (backend == "sqlite")
            {
                sqlite.Add(Logged(backend, await StreamDrain.RunAsync(context, backlog, "pgstream-sqlite", new Dictionary<string, string>())));
                continue;
            }

            var database = new PostgresDatabase();
            await database.InitializeAsync();
            try
            {
                // The connection string goes to the worker's environment only, never its arguments.
                var settings = new Dictionary<string, string>
                {
                    ["State__Provider"] = "Postgres",
                    ["State__ConnectionString"] = database.ConnectionString,
                };
                postgres.Add(Logged(backend, await StreamDrain.RunAsync(context, backlog, "pgstream-postgres", settings)));
            }
            finally
            {
                await database.DisposeAsync();
            }
        }

        var figures = context.Figures;
        var (sqliteDrain, postgresDrain) = (Rate(sqlite, r => r.Elapsed - r.First), Rate(postgres, r => r.Elapsed - r.First));
        var (sqliteWhole, postgresWhole) = (Rate(sqlite, r => r.Elapsed), Rate(postgres, r => r.Elapsed));
        figures.Add("pgstream_postgres_vs_sqlite_ratio", postgresDrain / sqliteDrain, 2, "PostgreSQL/SQLite: events per second of the drain (from the first event queued), two drains each, same run (goal >= 0.9)");
        figures.Add("pgstream_sqlite_drain_events_per_s", sqliteDrain, 0, $"the worker with SQLite state draining {backlog.Records:N0} events: all events over the time from each drain's first event queued to its last, two drains");
        figures.Add("pgstream_postgres_drain_events_per_s", postgresDrain, 0, "the same with State__Provider=Postgres, a fresh database per drain (the worker joins the cluster alone and leases its account; every commit fenced)");
        figures.Add("pgstream_postgres_vs_sqlite_startup_included_ratio", postgresWhole / sqliteWhole, 2, "PostgreSQL/SQLite: events per second from the process start (start-up, migrations and the first lease claim with its jitter of up to Cluster:ClaimJitter = 1 s included)");
        figures.Add("pgstream_sqlite_events_per_s", sqliteWhole, 0, "SQLite: events per second from the process start until the queue held them all, two drains");
        figures.Add("pgstream_postgres_events_per_s", postgresWhole, 0, "PostgreSQL: the same");
        figures.Add("pgstream_sqlite_startup_s", sqlite.Average(r => r.First.TotalSeconds), 2, "SQLite: mean time from the process start to the first event queued");
        figures.Add("pgstream_postgres_startup_s", postgres.Average(r => r.First.TotalSeconds), 2, "PostgreSQL: the same (migrating a fresh database and claiming the account's lease included)");
        figures.Add("pgstream_sqlite_worker_cpu_us_per_event", CpuPerEvent(sqlite), 1, "SQLite: CPU time of the worker process per event (user + system), start-up included");
        figures.Add("pgstream_postgres_worker_cpu_us_per_event", CpuPerEvent(postgres), 1, "PostgreSQL: the same (the PostgreSQL server's own CPU not included)");
        figures.Add("pgstream_machine_cpu_busy_pct", 100 * sqlite.Concat(postgres).Average(r => r.MachineBusy), 0, "share of both cores busy during the drains (worker, simulator, broker, PostgreSQL and anything else)");
        figures.Add("pgstream_duplicates", sqlite.Concat(postgres).Sum(r => r.Duplicates), 0, "events queued beyond the expected ones over the four drains, one second after the last expected arrived");
    }

    private static DrainResult Logged(string backend, DrainResult result)
    {
        BenchContext.Log($"pgstream {backend}: {result.Events} events in {result.Elapsed.TotalSeconds:0.00} s (first after {result.First.TotalSeconds:0.00} s): {result.DrainEventsPerSecond:0} events/s drained, {result.EventsPerSecond:0} from the start");
        return result;
    }

    private static double Rate(List<DrainResult> results, Func<DrainResult, TimeSpan> span) =>
        results.Sum(r => r.Events) / results.Sum(r => span(r).TotalSeconds);

    private static double CpuPerEvent(List<DrainResult> results) =>
        results.All(r => r.WorkerCpuSeconds is not null) ? results.Sum(r => r.WorkerCpuSeconds!.Value) * 1e6 / results.Sum(r => r.Events) : double.NaN;
}
