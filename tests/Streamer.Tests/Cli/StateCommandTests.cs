using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Streamer.Tests.State;
using Streamer.Worker.Cli;
using Streamer.Worker.Detection;
using Streamer.Worker.Media;
using Streamer.Worker.State;

namespace Streamer.Tests.Cli;

public sealed class StateCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Cursor = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private readonly SqliteStateFile file = new();

    public async Task InitializeAsync()
    {
        // The database stays open, holding the state file's lock, as a running worker does.
        await file.OpenAsync();
        var tiers = new Dictionary<string, DateTimeOffset> { ["0"] = Cursor.AddSeconds(1), ["1"] = Cursor.AddMinutes(-4) };
        var media = new MediaJob { Account = "sales", TenantId = "1", RecordId = "r2", MessageId = null, ConversationId = null, FileName = "a.jpg", MimeType = "image/jpeg", Link = "https://m/a.jpg?Expires=1", LinkExpiresAt = null };
        await file.State.CommitAsync("sales", new StateCommit(new AccountCursor(Cursor, SnapshotDone: true, tiers)) { Snapshots = [Snapshot("r1"), Snapshot("r2")], MediaJobs = [media] }, CancellationToken.None);
    }

    public async Task DisposeAsync() => await file.DisposeAsync();

    [Fact]
    public async Task Run_WhileWorkerHoldsTheLock_PrintsCursorLagSnapshotRecordsAndTiers()
    {
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = await StateCommand.RunAsync(["--Accounts:0:Name=support"], file.Path, json: false, new FakeTimeProvider(Cursor.AddSeconds(5)), output, errors, CancellationToken.None);

        Assert.True(exit == 0, errors.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"State file {Path.GetFullPath(file.Path)} at 2026-11-24T10:00:05Z", lines[0]);
        Assert.Equal(["ACCOUNT", "CURSOR", "(UTC)", "LAG", "SNAPSHOT", "RECORDS", "MEDIA", "QUEUED", "OUTBOX", "OLDEST", "FILTER", "ON", "TIER", "RUNS", "LAST", "PASSES"], Words(lines[1]));
        Assert.Equal(["sales", "2026-11-24T10:00:00Z", "5s", "done", "2", "1", "0", "-", "-", "0:", "4s", "ago,", "1:", "4m05s", "ago", "-"], Words(lines[2]));
        Assert.Equal(["support", "-", "-", "not", "started", "0", "0", "0", "-", "-", "-", "-"], Words(lines[3]));
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public async Task Run_Json_LagInSecondsAndInstantsInUtc()
    {
        var output = new StringWriter();

        var exit = await StateCommand.RunAsync([], file.Path, json: true, new FakeTimeProvider(Cursor.AddSeconds(90)), output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output.ToString());
        var account = Assert.Single(document.RootElement.GetProperty("accounts").EnumerateArray());
        Assert.Equal("sales", account.GetProperty("account").GetString());
        Assert.Equal(90, account.GetProperty("lagSeconds").GetDouble());
        Assert.Equal(2, account.GetProperty("trackedRecords").GetInt64());
        Assert.Equal(1, account.GetProperty("pendingMedia").GetInt64());
        Assert.True(account.GetProperty("snapshotDone").GetBoolean());
        Assert.Equal(Cursor, account.GetProperty("cursor").GetDateTimeOffset());
        Assert.Equal(Cursor.AddSeconds(1), account.GetProperty("tierRuns").GetProperty("0").GetDateTimeOffset());
    }

    [Fact]
    public async Task Run_WithPasses_PrintsEachHorizonsLastPassInTheLastColumn()
    {
        await CommitPassesAsync();
        var output = new StringWriter();

        var exit = await StateCommand.RunAsync(["--Accounts:0:Name=support"], file.Path, json: false, new FakeTimeProvider(Cursor.AddSeconds(5)), output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exit);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var column = lines[1].IndexOf("LAST PASSES", StringComparison.Ordinal);
        Assert.True(column > 0, lines[1]);
        Assert.Equal("15m 1.2s/11req 3m05s ago; 1d 9.8s/97req 2m05s ago; 7d 1m15s/300req 1h00m ago", lines[2][column..]);
        Assert.Equal("-", lines[3][column..]);
    }

    [Fact]
    public async Task Run_JsonWithPasses_ListsThemPerAccountInSecondsAndUtc()
    {
        await CommitPassesAsync();
        var output = new StringWriter();

        var exit = await StateCommand.RunAsync(["--Accounts:0:Name=support"], file.Path, json: true, new FakeTimeProvider(Cursor.AddSeconds(5)), output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(output.ToString());
        var accounts = document.RootElement.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("account").GetString()!);
        var passes = accounts["sales"].GetProperty("passes").EnumerateArray().ToList();
        Assert.Equal(["15m", "1d", "7d"], passes.Select(p => p.GetProperty("horizon").GetString()));
        Assert.Equal(Passes.OrderBy(p => p.Horizon, StringComparer.Ordinal).Select(p => (p.FinishedAt, p.Duration.TotalSeconds, p.Requests, p.Records)), passes.Select(p => (
            p.GetProperty("finishedAt").GetDateTimeOffset(),
            p.GetProperty("seconds").GetDouble(),
            p.GetProperty("requests").GetInt32(),
            p.GetProperty("records").GetInt32())));
        Assert.All(passes, p => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$", p.GetProperty("finishedAt").GetString()));
        Assert.Equal(0, accounts["support"].GetProperty("passes").GetArrayLength());
    }

    [Fact]
    public async Task Run_MissingStateFile_ExitsOneAndSaysNoWorkerRanYet()
    {
        var errors = new StringWriter();

        var exit = await StateCommand.RunAsync([], file.Path + ".missing", json: false, new FakeTimeProvider(Cursor), TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("no worker has run with this State:Path yet", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NewerSchema_ExitsOneAndSaysWhatToDo()
    {
        await using var newer = new SqliteStateFile();
        newer.Execute($"CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_unix_ms INTEGER NOT NULL); INSERT INTO schema_version VALUES ({SqliteStateReader.KnownSchemaVersion + 1}, 'later', 0);");
        var errors = new StringWriter();

        var exit = await StateCommand.RunAsync([], newer.Path, json: false, new FakeTimeProvider(Cursor), TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains($"is at schema version {SqliteStateReader.KnownSchemaVersion + 1}", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("Run that newer Streamer", errors.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, "4s")]
    [InlineData(125, "2m05s")]
    [InlineData(11_400, "3h10m")]
    [InlineData(187_200, "2d04h")]
    [InlineData(-3, "-3s")]
    public void Duration_Seconds_ReadsLikeAnOperatorWould(int seconds, string expected) =>
        Assert.Equal(expected, StateReport.Duration(TimeSpan.FromSeconds(seconds)));

    private static string[] Words(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    // Committed in this order so the report's order (by horizon) is its own doing.
    private static PassSummary[] Passes { get; } =
    [
        new("7d", Cursor.AddHours(-1), TimeSpan.FromMilliseconds(75_300), 300, 12_000),
        new("1d", Cursor.AddMinutes(-2), TimeSpan.FromMilliseconds(9_812), 97, 4_000),
        new("15m", Cursor.AddMinutes(-3), TimeSpan.FromMilliseconds(1_204), 11, 120),
    ];

    private async Task CommitPassesAsync()
    {
        foreach (var pass in Passes)
        {
            await file.State.CommitAsync("sales", new StateCommit(new AccountCursor(Cursor, SnapshotDone: true, new Dictionary<string, DateTimeOffset>())) { Pass = pass }, CancellationToken.None);
        }
    }

    private static RecordSnapshot Snapshot(string id) => new(id, "2026-11-24 18:00:00", Cursor.ToUnixTimeSeconds(), "sent", null, 1, new ulong[RecordFields.Count]);
}
