using System.Net;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Streamer.Testing;

/// <summary>
/// The PostgreSQL server the tests of this process share, found once: <c>STREAMER_POSTGRES</c> when set
/// (eng/test.sh sets it), else a Testcontainers container when a Docker engine answers, else whatever
/// eng/postgres.sh makes reachable. Only loopback servers are accepted. Tests do not share databases:
/// <see cref="PostgresDatabase"/> gives each its own.
/// </summary>
public static class PostgresServer
{
    public const string ConnectionStringVariable = "STREAMER_POSTGRES";
    public const string ContainerImage = "postgres:17-alpine";

    private static readonly TimeSpan DockerProbeTimeout = TimeSpan.FromSeconds(5);

    // Generous: on a clean machine eng/postgres.sh installs postgresql with apt-get first.
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(10);
    private static readonly Lazy<Task<string>> Resolved = new(ResolveAsync);

    /// <summary>A connection string to the server's maintenance database, as a role that may create databases.</summary>
    public static Task<string> ConnectionStringAsync() => Resolved.Value;

    /// <summary>Creates an empty database with a random name; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync() => await CreateDatabaseOnAsync(await ConnectionStringAsync());

    /// <summary>Creates an empty database with a random name on the server of <paramref name="server"/>; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseOnAsync(string server)
    {
        var name = $"streamer_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database <paramref name="connectionString"/> names, closing what is still connected to it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();

        // The maintenance database of the same server (the restartable one's databases are dropped there too).
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = new NpgsqlConnectionStringBuilder(await ConnectionStringAsync()).Database }.ConnectionString);
        await connection.OpenAsync();
        try
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // FORCE may not terminate a server process of another role that is briefly on the database (an
            // autovacuum worker); a plain drop waits such processes out, and the tests' own connections are closed.
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<string> ResolveAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        var connectionString = !string.IsNullOrWhiteSpace(fromEnvironment) ? fromEnvironment.Trim()
            : await DockerProbe.IsAvailableAsync(DockerProbeTimeout) ? await StartContainerAsync()
            : await RunScriptAsync();
        var host = new NpgsqlConnectionStringBuilder(connectionString).Host ?? string.Empty;
        if (!(host is "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address))))
        {
            throw new InvalidOperationException($"{ConnectionStringVariable} names the host '{host}': tests connect to loopback servers only.");
        }

        return connectionString;
    }

    private static async Task<string> StartContainerAsync()
    {
        // Testcontainers' resource reaper removes the container when this test process exits.
        var container = new PostgreSqlBuilder(ContainerImage).Build();
        await container.StartAsync();
        return container.GetConnectionString();
    }

    private static async Task<string> RunScriptAsync()
    {
        var root = RepositoryRoot.Find();
        var output = await ProcessRunner.RunCheckedAsync("bash", [Path.Combine(root, "eng", "postgres.sh")], ScriptTimeout, root);

        // The script prints only the connection string on stdout; its log goes to stderr.
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.Contains("Host=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("eng/postgres.sh printed no connection string on stdout.");
    }
}
