using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Streamer.Worker.Cluster;
using Streamer.Worker.Cluster.Postgres;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;

namespace Streamer.Worker.State.Postgres;

/// <summary>The PostgreSQL backend's services, in place of SQLite's, when <c>State:Provider</c> is <c>Postgres</c>.</summary>
public static class PostgresStateRegistration
{
    /// <summary>Whether <paramref name="configuration"/> chooses PostgreSQL for the state.</summary>
    public static bool IsChosen(IConfiguration configuration) =>
        Enum.TryParse<StateProvider>(configuration[$"{StateOptions.SectionName}:{nameof(StateOptions.Provider)}"], ignoreCase: true, out var provider)
        && provider == StateProvider.Postgres;

    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> for the process, the database and every store on it: records and
    /// cursors, passes, filter decisions, the media queue, the outbox, leases and the accounts table, with their migrations.
    /// </summary>
    public static IServiceCollection AddPostgresState(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => CreateDataSource(sp.GetRequiredService<IOptions<StateOptions>>().Value));
        services.AddSingleton(PostgresStateSchema.Migration);
        services.AddSingleton(PostgresMediaJobSchema.Migration);
        services.AddSingleton(PostgresOutboxSchema.Migration);
        services.AddSingleton<PostgresStateDatabase>();
        services.AddSingleton<IStateDatabase>(sp => sp.GetRequiredService<PostgresStateDatabase>());
        services.AddSingleton<IStateStore, PostgresStateStore>();
        services.AddSingleton<IPostgresCommitParticipant, PostgresPassWriter>();
        services.AddSingleton<IPostgresCommitParticipant, PostgresFilterWriter>();
        services.AddSingleton<PostgresMediaJobStore>();
        services.AddSingleton<IMediaJobStore>(sp => sp.GetRequiredService<PostgresMediaJobStore>());
        services.AddSingleton<IPostgresCommitParticipant>(sp => sp.GetRequiredService<PostgresMediaJobStore>());
        services.AddSingleton<PostgresOutboxStore>();
        services.AddSingleton<IOutboxStore>(sp => sp.GetRequiredService<PostgresOutboxStore>());
        services.AddSingleton<IPostgresCommitParticipant>(sp => sp.GetRequiredService<PostgresOutboxStore>());

        // The cluster's tables: leases (and the fence that checks them in every commit) and the accounts table.
        services.AddSingleton(PostgresClusterSchema.Migration);
        services.AddSingleton<ILeaseStore, PostgresLeaseStore>();
        services.AddSingleton<IPostgresCommitFence, PostgresLeaseFence>();
        services.AddSingleton<IAccountStore, PostgresAccountStore>();
        return services;
    }

    /// <summary>The data source for <paramref name="options"/>' connection string, named after Streamer in <c>pg_stat_activity</c>.</summary>
    public static NpgsqlDataSource CreateDataSource(StateOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "streamer";
        }

        // A worker frozen inside a commit (SIGSTOP, a VM pause) would hold its lease row's lock until it wakes and
        // so block the takeover: the server ends such a transaction after 5 s idle (commits take milliseconds).
        if (string.IsNullOrEmpty(builder.Options))
        {
            builder.Options = "-c idle_in_transaction_session_timeout=5000";
        }

        // The same few statements run all day: prepared once per connection, server-side.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }

        return NpgsqlDataSource.Create(builder);
    }
}
