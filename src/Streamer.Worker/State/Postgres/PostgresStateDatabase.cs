using Microsoft.Extensions.Options;
using Npgsql;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Streamer.Worker.State.Postgres;

/// <summary>
/// The PostgreSQL state database: one <see cref="NpgsqlDataSource"/> (a pool) per process, brought to the
/// current schema by <see cref="StateStoreInitializer"/> when <c>State:MigrateAtStart</c> (the default), or
/// checked to be at it otherwise. There is no file lock: several workers share the database, each account's
/// rows keyed by account (leases, from the cluster layer, keep two workers off one account).
/// </summary>
public sealed class PostgresStateDatabase : IStateDatabase
{
    private readonly NpgsqlDataSource dataSource;
    private readonly PostgresMigrator migrator;
    private readonly StateOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private bool initialized;

    /// <summary>Prepares the database; <see cref="InitializeAsync"/> migrates or checks it.</summary>
    /// <exception cref="InvalidOperationException">The migrations are not numbered 1, 2, 3… without gaps or duplicates.</exception>
    public PostgresStateDatabase(NpgsqlDataSource dataSource, IOptions<StateOptions> options, IEnumerable<PostgresMigration> migrations, TimeProvider time, ILogger<PostgresStateDatabase> logger)
    {
        this.dataSource = dataSource;
        this.options = options.Value;
        migrator = new PostgresMigrator(migrations);
        this.time = time;
        this.logger = logger;
        Name = Describe(dataSource.ConnectionString);
    }

    /// <summary>The database as logs and messages name it: database, host and port, never the credentials.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public int SchemaVersion => migrator.LatestVersion;

    /// <summary>Names a database by its connection string's database, host and port, leaving out the credentials.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"'{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}";
    }

    /// <summary>Migrates the database (or, with <c>State:MigrateAtStart</c> false, checks it is at this worker's version).</summary>
    /// <exception cref="StateSchemaTooNewException">A newer worker upgraded the database; it is left as it is.</exception>
    /// <exception cref="StateSchemaTooOldException">MigrateAtStart is false and the database needs <c>streamer migrate</c>.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (initialized)
        {
            throw new InvalidOperationException("The state database is initialized once, by StateStoreInitializer.");
        }

        initialized = true;
        string? lastError = null;
        var retries = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.StartupWait > TimeSpan.Zero)
        {
            // A database that does not answer yet (starting with the worker, restarting) is waited for; one that
            // refuses the worker is not.
            retries.AddTimeout(options.StartupWait).AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(10),
                OnRetry = args =>
                {
                    lastError = args.Outcome.Exception?.Message;
                    Log.PostgresStateUnreachable(logger, Name, lastError ?? "unknown", args.RetryDelay, options.StartupWait);
                    return default;
                },
            });
        }

        try
        {
            await retries.Build().ExecuteAsync(OpenAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException error)
        {
            throw new StateUnavailableException($"The state database {Name} did not answer within State:StartupWait ({options.StartupWait}): {lastError}", error);
        }
        catch (NpgsqlException error)
        {
            throw new StateUnavailableException($"The state database {Name} cannot be used: {error.Message}", error);
        }

        Log.PostgresStateOpened(logger, Name, migrator.LatestVersion);
    }

    /// <inheritdoc />
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var migration in await migrator.MigrateAsync(connection, Name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            Log.PostgresStateMigrated(logger, Name, migration.Version, migration.Description);
        }

        return migrator.LatestVersion;
    }

    /// <summary>Runs <paramref name="work"/> in a transaction on a pooled connection; committed when it returns, rolled back when it throws.</summary>
    public async Task<T> RunAsync<T>(Func<NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection outside an explicit transaction: for single statements, each atomic on its own.</summary>
    public async Task<T> UseAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection).ConfigureAwait(false);
    }

    // Migrates the database, or checks it is at this worker's version.
    private async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        if (options.MigrateAtStart)
        {
            await MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var version = await PostgresMigrator.ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (version > migrator.LatestVersion)
            {
                throw StateSchemaTooNewException.ForDatabase(Name, version, migrator.LatestVersion);
            }

            if (version < migrator.LatestVersion)
            {
                throw new StateSchemaTooOldException($"database {Name}", version, migrator.LatestVersion);
            }
        }
    }
}
