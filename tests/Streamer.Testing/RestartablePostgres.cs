using Npgsql;

namespace Streamer.Testing;

/// <summary>
/// A PostgreSQL server of its own for the tests that restart it mid-stream, so that the shared
/// <see cref="PostgresServer"/> stays up for every other test: <c>STREAMER_POSTGRES_RESTARTABLE</c> when set (eng/test.sh
/// sets it), else the local cluster eng/postgres.sh makes on port 5433. It is restarted by
/// <c>eng/postgres.sh --restart</c> on its port, so it must be a local cluster (no Docker engine runs here).
/// </summary>
public static class RestartablePostgres
{
    public const string ConnectionStringVariable = "STREAMER_POSTGRES_RESTARTABLE";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task<string>> Resolved = new(ResolveAsync);

    /// <summary>Creates an empty database on it; returns its connection string (drop it with <see cref="PostgresServer.DropDatabaseAsync"/>).</summary>
    public static async Task<string> CreateDatabaseAsync() => await PostgresServer.CreateDatabaseOnAsync(await Resolved.Value);

    /// <summary>Stops the server, keeps it down for <paramref name="down"/>, starts it and waits until it answers.</summary>
    public static async Task RestartAsync(TimeSpan down)
    {
        var port = new NpgsqlConnectionStringBuilder(await Resolved.Value).Port;
        await RunScriptAsync(port, "--restart", ((int)Math.Ceiling(down.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<string> ResolveAsync() =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } set ? set.Trim() : await RunScriptAsync(5433);

    private static async Task<string> RunScriptAsync(int port, params string[] arguments)
    {
        var root = RepositoryRoot.Find();
        var environment = new Dictionary<string, string?>
        {
            ["STREAMER_POSTGRES"] = null,
            ["STREAMER_POSTGRES_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["STREAMER_POSTGRES_CLUSTER"] = "restartable",
        };
        var output = await ProcessRunner.RunCheckedAsync("bash", [Path.Combine(root, "eng", "postgres.sh"), .. arguments], ScriptTimeout, root, environment);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.Contains("Host=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("eng/postgres.sh printed no connection string on stdout.");
    }
}
