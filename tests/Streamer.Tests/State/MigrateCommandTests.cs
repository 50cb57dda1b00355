using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Streamer.Worker.Cli;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

namespace Streamer.Tests.State;

/// <summary><c>streamer migrate</c> on both backends, and <c>streamer state</c> on PostgreSQL.</summary>
public sealed class MigrateCommandTests : IAsyncLifetime
{
    private readonly SqliteStateFile file = new();
    private readonly PostgresStateDb db = new();

    public Task InitializeAsync() => db.CreateAsync();

    public async Task DisposeAsync()
    {
        await file.DisposeAsync();
        await db.DisposeAsync();
    }

    [Fact]
    public async Task Run_SqliteNewFile_MigratesAndPrintsTheVersion()
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await MigrateCommand.RunAsync([$"--State:Path={file.Path}"], output, errors, CancellationToken.None);

        Assert.True(exit == 0, errors.ToString());
        Assert.Equal($"State file {Path.GetFullPath(file.Path)}: schema version {SqliteStateReader.KnownSchemaVersion}.", output.ToString().Trim());
        Assert.Equal((long)SqliteStateReader.KnownSchemaVersion, file.Query("SELECT MAX(version) FROM schema_version").Single()[0]);
    }

    [Fact]
    public async Task Run_Postgres_MigratesPrintsTheVersionAndNeverThePassword()
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await MigrateCommand.RunAsync(PostgresArgs(), output, errors, CancellationToken.None);

        Assert.True(exit == 0, errors.ToString());
        Assert.EndsWith($"schema version {PostgresStateReader.KnownSchemaVersion}.", output.ToString().Trim(), StringComparison.Ordinal);
        Assert.Contains(new NpgsqlConnectionStringBuilder(db.ConnectionString).Database!, output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(db.ConnectionString).Password!, output.ToString() + errors, StringComparison.Ordinal);
        Assert.Equal(PostgresStateReader.KnownSchemaVersion, (await db.QueryAsync("SELECT MAX(version) FROM schema_version")).Single()[0]);
    }

    [Fact]
    public async Task Run_PostgresNewerSchema_ExitsThreeAndLeavesIt()
    {
        await db.OpenAsync();
        await db.ExecuteAsync($"INSERT INTO schema_version VALUES ({PostgresStateReader.KnownSchemaVersion + 1}, 'later', 0)");
        var errors = new StringWriter();

        var exit = await MigrateCommand.RunAsync(PostgresArgs(), TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(3, exit);
        Assert.Contains($"is at schema version {PostgresStateReader.KnownSchemaVersion + 1}", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PostgresWithoutConnectionString_ExitsTwoNamingTheSetting()
    {
        var errors = new StringWriter();

        var exit = await MigrateCommand.RunAsync(["--State:Provider=Postgres"], TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("State:ConnectionString is required", errors.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Password=pw-1234;Target Session Attributes=primary", "needs several hosts")]
    [InlineData("Host=127.0.0.1;Password=pw-1234;Bogus=1", "not a valid Npgsql connection string")]
    public async Task Run_PostgresConnectionStringNpgsqlRefuses_ExitsTwoWithoutThePassword(string connectionString, string message)
    {
        var errors = new StringWriter();

        var exit = await MigrateCommand.RunAsync(["--State:Provider=Postgres", $"--State:ConnectionString={connectionString}"], TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains(message, errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pw-1234", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PostgresNotAnswering_ExitsThree()
    {
        var exit = await MigrateCommand.RunAsync(["--State:Provider=Postgres", "--State:ConnectionString=Host=127.0.0.1;Port=1;Username=u;Password=p;Database=d;Timeout=2"], TextWriter.Null, TextWriter.Null, CancellationToken.None);

        Assert.Equal(3, exit);
    }

    [Fact]
    public async Task StateCommand_Postgres_PrintsTheAccountsOfTheDatabase()
    {
        await db.OpenAsync();
        var cursor = new AccountCursor(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), true, new Dictionary<string, DateTimeOffset>());
        await db.State.CommitAsync("sales", new StateCommit(cursor), CancellationToken.None);
        var leases = new Worker.Cluster.Postgres.PostgresLeaseStore(db.Database);
        await leases.HeartbeatAsync("instance-7", TimeSpan.FromMinutes(1), CancellationToken.None);
        var lease = await leases.TryAcquireAsync("sales", "instance-7", TimeSpan.FromMinutes(1), CancellationToken.None);
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await StateCommand.RunAsync(PostgresArgs(), path: null, json: false, new FakeTimeProvider(cursor.Position.AddSeconds(5)), output, errors, CancellationToken.None);

        Assert.True(exit == 0, errors.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith($"State database {PostgresStateDatabase.Describe(db.ConnectionString)}", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("sales 2026-11-24T10:00:00Z 5s done", string.Join(' ', lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.Contains(lines, l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).StartsWith($"sales instance-7 {lease!.Token} ", StringComparison.Ordinal));
        Assert.Contains("1 live instance(s): instance-7 (1)", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(db.ConnectionString).Password!, output.ToString(), StringComparison.Ordinal);
    }

    private string[] PostgresArgs() => ["--State:Provider=Postgres", $"--State:ConnectionString={db.ConnectionString}"];
}
