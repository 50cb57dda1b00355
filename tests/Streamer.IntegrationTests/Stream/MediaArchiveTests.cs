using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Streamer.Contracts;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// Media archiving against the real broker and the simulator's media server: every media record of the
/// ground truth must get exactly one outcome, and each archived file must be the simulator's bytes.
/// </summary>
[Collection(SecondBrokerCollection.Name)]
public sealed class MediaArchiveTests(RabbitMqBroker broker, ITestOutputHelper output) : IDisposable
{
    // Videos are 0.5-3 MB and documents up to 0.8 MB: a limit of 2 MB makes some videos too large.
    private const long MaxBytes = 2_000_000;
    private const string MediaPath = "/_sim/media/";

    private readonly string mediaDirectory = Path.Combine(Path.GetTempPath(), $"streamer-media-{Guid.NewGuid():N}");

    [Fact]
    public async Task Archive_ScenarioWithExpiredLinksOversizedFilesAndStorageErrors_OneMatchingOutcomePerMediaRecord()
    {
        // The backlog spans two hours and links live one: the older half of its media is already expired.
        await using var scenario = await StreamScenario.CreateAsync(
            broker, TimestampField.CreatedAt, "CreatedAt", seed: 31, workerSettings: Settings(concurrency: 4));
        await scenario.Simulator.SetFaultsAsync(new FaultSettings { MediaErrorRate = 0.25 });
        var started = DateTimeOffset.UtcNow;

        var (expected, truth) = await scenario.RunAsync(3_000, 300, output.WriteLine);
        var media = MediaRecords(truth);
        await WaitForOutcomesAsync(scenario, media.Count);
        var finished = DateTimeOffset.UtcNow;
        var stats = await scenario.Simulator.Http.GetFromJsonAsync<SimStats>("/_sim/stats");

        var outcomes = await CheckOutcomesAsync(scenario, media);
        var expiredAtStart = media.Where(m => m.Expires < started.ToUnixTimeSeconds()).Select(m => m.RecordId).ToHashSet();
        var validThroughout = media.Where(m => m.Expires > finished.ToUnixTimeSeconds() + 60).Select(m => m.RecordId).ToHashSet();
        var digests = await DigestsAsync(scenario, validThroughout);
        var oversized = digests.Values.Where(d => d.Size > MaxBytes).Select(d => d.RecordId).ToHashSet();
        output.WriteLine(
            $"media records {media.Count}: expired at start {expiredAtStart.Count}, valid throughout {validThroughout.Count} " +
            $"({oversized.Count} over {MaxBytes} bytes); outcomes {Describe(outcomes.Values)}; media faults and API faults {stats!.FaultsInjected}");

        // The scenario must exercise every path, judged from the ground truth.
        Assert.True(expiredAtStart.Count >= 10, $"only {expiredAtStart.Count} expired links");
        Assert.True(oversized.Count >= 3, $"only {oversized.Count} oversized files");
        Assert.True(validThroughout.Count - oversized.Count >= 50, "too few archivable files");
        Assert.True(stats.FaultsInjected >= 20, $"only {stats.FaultsInjected} media errors injected");

        foreach (var id in expiredAtStart)
        {
            var failed = Assert.IsType<ChatMediaArchiveFailed>(outcomes[id]);
            Assert.Equal(MediaArchiveFailure.LinkExpired, failed.Reason);
        }

        foreach (var id in validThroughout)
        {
            if (oversized.Contains(id))
            {
                Assert.Equal(MediaArchiveFailure.TooLarge, Assert.IsType<ChatMediaArchiveFailed>(outcomes[id]).Reason);
            }
            else
            {
                Assert.IsType<ChatMediaArchived>(outcomes[id]);
            }
        }

        // Template headers repeat one file: stored once however many messages carry it.
        var archived = outcomes.Values.OfType<ChatMediaArchived>().ToList();
        var stored = Directory.EnumerateFiles(mediaDirectory, "*", SearchOption.AllDirectories).Count(f => !f.Contains(".incoming", StringComparison.Ordinal));
        Assert.Equal(archived.Select(a => a.Sha256).Distinct().Count(), stored);
        Assert.True(stored < archived.Count, $"{stored} files for {archived.Count} archived records: nothing was deduplicated");

        // Media links are credentials (signed URLs): never logged, nor are the downloads' URLs.
        var log = string.Join('\n', scenario.Worker.Output);
        Assert.DoesNotContain("sig=", log, StringComparison.Ordinal);
        Assert.DoesNotContain(MediaPath, log, StringComparison.Ordinal);

        // Archiving runs beside the message stream and must not have disturbed it.
        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }

    [Fact]
    public async Task Archive_WorkerKilledWithDownloadsPending_EveryValidLinkArchivedAfterRestart()
    {
        // Slow downloads, two at a time: the queue is still long when the worker is killed. No size limit here.
        await using var scenario = await StreamScenario.CreateAsync(
            broker, TimestampField.CreatedAt, "CreatedAt", seed: 37, workerSettings: Settings(concurrency: 2, maxBytes: 100_000_000));
        await scenario.Simulator.SetFaultsAsync(new FaultSettings { MediaLatencyMs = 400 });
        await scenario.Simulator.BacklogAsync(800, TimeSpan.FromMinutes(30));
        var media = MediaRecords(await scenario.Simulator.ChangesAsync());
        Assert.True(media.Count >= 60, $"only {media.Count} media records");

        scenario.Worker.Start();
        Assert.True(
            await scenario.Recorder.WaitUntilAsync(r => !scenario.Worker.IsRunning || Outcomes(r).Count >= 10, TimeSpan.FromMinutes(1)),
            "no media archived before the kill:\n" + scenario.WorkerLogTail());
        await scenario.Worker.KillAsync();
        var beforeKill = Outcomes(scenario.Recorder).Count;
        output.WriteLine($"killed with {beforeKill} of {media.Count} media records done");
        Assert.True(media.Count - beforeKill >= 20, $"only {media.Count - beforeKill} downloads were pending at the kill");

        await scenario.Simulator.SetFaultsAsync(new FaultSettings { MediaLatencyMs = 0 });
        scenario.Worker.Start();
        await WaitForOutcomesAsync(scenario, media.Count);

        var outcomes = await CheckOutcomesAsync(scenario, media);
        output.WriteLine($"after restart: {Describe(outcomes.Values)}");
        Assert.Equal(2, scenario.Worker.Starts);
        Assert.All(media, m => Assert.IsType<ChatMediaArchived>(outcomes[m.RecordId]));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(mediaDirectory) && System.Environment.GetEnvironmentVariable("STREAMER_KEEP") is not { Length: > 0 })
        {
            Directory.Delete(mediaDirectory, recursive: true);
        }
    }

    private Dictionary<string, string> Settings(int concurrency, long maxBytes = MaxBytes) => new()
    {
        ["MediaArchive__Enabled"] = "true",
        ["MediaArchive__Path"] = mediaDirectory,

        // The simulator's media links point at loopback over http.
        ["MediaArchive__AllowPrivateNetworks"] = "true",
        ["MediaArchive__Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
        ["MediaArchive__MaxBytes"] = maxBytes.ToString(CultureInfo.InvariantCulture),
        ["MediaArchive__QuickRetries"] = "1",
        ["MediaArchive__RetryDelay"] = "00:00:00.200",
        ["MediaArchive__MaxAttempts"] = "100",
        ["MediaArchive__PollInterval"] = "00:00:00.200",
    };

    private static List<(string RecordId, long Expires)> MediaRecords(IReadOnlyList<SimChange> truth) =>
        [.. truth.Where(c => c.Kind == SimChangeKinds.Created && c.MediaExpires is not null).Select(c => (c.RecordId, c.MediaExpires!.Value))];

    private static Dictionary<string, object> Outcomes(EventRecorder recorder)
    {
        var byRecord = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var outcome in recorder.Media)
        {
            byRecord.TryAdd(RecordOf(outcome), outcome);
        }

        return byRecord;
    }

    private async Task WaitForOutcomesAsync(StreamScenario scenario, int count)
    {
        var complete = await scenario.Recorder.WaitUntilAsync(r => !scenario.Worker.IsRunning || Outcomes(r).Count >= count, TimeSpan.FromMinutes(3));
        Assert.True(complete, $"{Outcomes(scenario.Recorder).Count} of {count} media outcomes arrived:\n" + scenario.WorkerLogTail());

        // A second outcome for a record (a wrong one) would arrive with the rest; give it a moment.
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    // Exactly one outcome per media record (duplicates must repeat the same event), none for other records,
    // and every archived file on disk is the simulator's bytes.
    private async Task<Dictionary<string, object>> CheckOutcomesAsync(StreamScenario scenario, List<(string RecordId, long Expires)> media)
    {
        var ids = media.Select(m => m.RecordId).ToHashSet();
        foreach (var group in scenario.Recorder.Media.GroupBy(RecordOf))
        {
            Assert.Contains(group.Key, ids);
            Assert.Single(group.Distinct());
        }

        var outcomes = Outcomes(scenario.Recorder);
        Assert.Equal(ids.Count, outcomes.Count);
        var digests = await DigestsAsync(scenario, outcomes.Values.OfType<ChatMediaArchived>().Select(a => a.RecordId));
        foreach (var archived in outcomes.Values.OfType<ChatMediaArchived>())
        {
            var truth = digests[archived.RecordId];
            Assert.Equal(truth.Sha256, archived.Sha256);
            Assert.Equal(truth.Size, archived.Size);
            Assert.Equal(truth.MimeType, archived.MimeType);
            Assert.Equal(truth.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(new Uri(archived.Location).LocalPath))));
        }

        var expiries = media.ToDictionary(m => m.RecordId, m => m.Expires);
        foreach (var failed in outcomes.Values.OfType<ChatMediaArchiveFailed>())
        {
            switch (failed.Reason)
            {
                case MediaArchiveFailure.LinkExpired:
                    Assert.True(failed.FailedAt.ToUnixTimeSeconds() >= expiries[failed.RecordId] - 30, $"{failed.RecordId} failed as expired before its expiry");
                    break;
                case MediaArchiveFailure.TooLarge:
                    Assert.True((await DigestsAsync(scenario, [failed.RecordId]))[failed.RecordId].Size > MaxBytes);
                    break;
                default:
                    Assert.Fail($"{failed.RecordId}: unexpected {failed.Reason} ({failed.Detail})");
                    break;
            }
        }

        return outcomes;
    }

    private static async Task<Dictionary<string, MediaDigest>> DigestsAsync(StreamScenario scenario, IEnumerable<string> recordIds)
    {
        var digests = new Dictionary<string, MediaDigest>(StringComparer.Ordinal);
        foreach (var id in recordIds)
        {
            digests[id] = (await scenario.Simulator.Http.GetFromJsonAsync<MediaDigest>($"/_sim/media-digest/{id}"))!;
        }

        return digests;
    }

    private static string RecordOf(object outcome) => outcome switch
    {
        ChatMediaArchived a => a.RecordId,
        ChatMediaArchiveFailed f => f.RecordId,
        _ => throw new ArgumentException(outcome.GetType().Name, nameof(outcome)),
    };

    private static string Describe(IEnumerable<object> outcomes) => string.Join(", ", outcomes
        .GroupBy(o => o is ChatMediaArchiveFailed f ? f.Reason.ToString() : "Archived")
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key} {g.Count()}"));
}
