using System.Globalization;
using System.Net;
using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Streamer.Worker.State;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>What an operator runs against a real worker: the health and metrics endpoint, <c>check</c>, <c>backfill</c>.</summary>
[Collection(BrokerCollection.Name)]
public sealed class OperabilityTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Health_RunningWorker_LiveReadyAndMetricsWithPublishedEvents()
    {
        var port = FreePort.Next();
        await using var scenario = await StreamScenario.CreateAsync(
            broker, TimestampField.CreatedAt, "CreatedAt", seed: 41, workerSettings: new Dictionary<string, string> { ["Health__Port"] = port.ToString(CultureInfo.InvariantCulture) });
        await scenario.Simulator.BacklogAsync(300, TimeSpan.FromHours(1));
        var records = (await scenario.Simulator.ChangesAsync()).Count(c => c.Kind == SimChangeKinds.Created);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };

        scenario.Worker.Start();

        var live = await EventuallyAsync(http, "/healthz/live", r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.True(live.Status == HttpStatusCode.OK, $"{live}\n{scenario.WorkerLogTail()}");
        Assert.Equal("Healthy", live.Body);
        var ready = await EventuallyAsync(http, "/healthz/ready", r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Assert.True(ready.Status == HttpStatusCode.OK, $"{ready}\n{scenario.WorkerLogTail()}");
        Assert.Contains("\"masstransit-bus\"", ready.Body, StringComparison.Ordinal);
        Assert.Contains("\"accounts\"", ready.Body, StringComparison.Ordinal);

        // The bus check's own description (broker addresses, client errors) is replaced by a fixed text.
        Assert.Contains("\"description\": \"healthy\"", ready.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("rabbitmq://", ready.Body, StringComparison.Ordinal);
        Assert.True(await scenario.Recorder.WaitUntilAsync(r => r.DistinctCount >= records, TimeSpan.FromSeconds(30)), scenario.WorkerLogTail());

        // The counter moves once the broker confirmed, a moment after the consumer may have had the event.
        var metrics = await EventuallyAsync(
            http,
            "/metrics",
            r => r.Body.Contains("streamer_poll_lag_seconds", StringComparison.Ordinal) && r.Body.Contains($"type=\"ChatMessageCreated\"}} {records}\n", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15));
        output.WriteLine(string.Join('\n', metrics.Body.Split('\n').Where(l => l.StartsWith("streamer_", StringComparison.Ordinal) && !l.Contains("_bucket", StringComparison.Ordinal))));
        Assert.Equal(records, Sample(metrics.Body, "streamer_events_published_total{", "type=\"ChatMessageCreated\""));
        Assert.True(Sample(metrics.Body, "streamer_api_requests_total{", "code=\"0\"") > 0, "API requests by code");
        Assert.True(Sample(metrics.Body, "streamer_records_fetched_total{", "account=\"e2e\"") >= records, "records fetched");
        Assert.InRange(Sample(metrics.Body, "streamer_poll_lag_seconds{", "account=\"e2e\""), 0, 30);
        Assert.Equal(records, Sample(metrics.Body, "streamer_publish_duration_seconds_count{", "type=\"ChatMessageCreated\""));
        Assert.Contains("http_client_request_duration_seconds", metrics.Body, StringComparison.Ordinal);
        Assert.Contains("otel_scope_name=\"MassTransit\"", metrics.Body, StringComparison.Ordinal);
        Assert.Contains(scenario.Worker.Output, l => l.Contains("Health and metrics on http://localhost:", StringComparison.Ordinal) && l.Contains($":{port}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_AgainstSimulatorAndBroker_AllPassAWrongSecretAndAWrongFilterSayWhatToFix()
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 43);
        await scenario.Simulator.BacklogAsync(300, TimeSpan.FromMinutes(30));
        var wrongSecret = new Dictionary<string, string>(scenario.Worker.Environment) { ["Accounts__0__AccessSecret"] = "wrong-secret-value" };
        var wrongFilter = new Dictionary<string, string>(scenario.Worker.Environment) { ["Polling__FilterOn"] = "UpdatedAt" };
        await using var good = new WorkerProcess(scenario.Worker.Environment, ["check"]);
        await using var bad = new WorkerProcess(wrongSecret, ["check"]);
        await using var misfit = new WorkerProcess(wrongFilter, ["check"]);

        good.Start();
        bad.Start();
        misfit.Start();
        Assert.True(await good.WaitForExitAsync(TimeSpan.FromSeconds(60)), string.Join('\n', good.Output));
        Assert.True(await bad.WaitForExitAsync(TimeSpan.FromSeconds(60)), string.Join('\n', bad.Output));
        Assert.True(await misfit.WaitForExitAsync(TimeSpan.FromSeconds(60)), string.Join('\n', misfit.Output));
        output.WriteLine(string.Join('\n', good.Output) + "\n--\n" + string.Join('\n', bad.Output) + "\n--\n" + string.Join('\n', misfit.Output));

        Assert.True(good.ExitCode == 0, string.Join('\n', good.Output));
        Assert.Contains(good.Output, l => l.StartsWith("OK    configuration:", StringComparison.Ordinal));
        Assert.Contains(good.Output, l => l.StartsWith("OK    account e2e: signed request accepted", StringComparison.Ordinal));
        Assert.Contains(good.Output, l => l.StartsWith("OK    filter e2e: Polling:FilterOn is CreatedAt; the API filters on CreatedAt (0 found at updated_at, 5 at created_at", StringComparison.Ordinal));
        Assert.Contains(good.Output, l => l.StartsWith($"OK    broker amqp://{scenario.VirtualHost.Host}:{scenario.VirtualHost.Port}/", StringComparison.Ordinal));
        Assert.Contains("All 4 checks passed.", good.Output);

        Assert.Equal(1, bad.ExitCode);
        var failure = Assert.Single(bad.Output, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.StartsWith("FAIL  account e2e: nxlink refused the request: invalid signature", failure, StringComparison.Ordinal);
        Assert.Contains("Fix: check the account's AccessSecret", failure, StringComparison.Ordinal);
        Assert.Contains(bad.Output, l => l.StartsWith("OK    broker", StringComparison.Ordinal));
        Assert.Contains("1 of 3 checks failed.", bad.Output);
        Assert.DoesNotContain(bad.Output, l => l.Contains("wrong-secret-value", StringComparison.Ordinal));

        Assert.Equal(1, misfit.ExitCode);
        var misfitFailure = Assert.Single(misfit.Output, l => l.StartsWith("FAIL", StringComparison.Ordinal));
        Assert.StartsWith("FAIL  filter e2e: Polling:FilterOn is UpdatedAt but the API filters on created_at", misfitFailure, StringComparison.Ordinal);
        Assert.Contains("Fix: set Polling:FilterOn to Auto (the default) or CreatedAt.", misfitFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backfill_ClosedWindow_RepublishesItsCreationsAndStatusStepsWithTheOriginalIdsAndLeavesTheState()
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 47);
        await scenario.Simulator.BacklogAsync(200, TimeSpan.FromHours(1));
        var history = await scenario.Simulator.ChangesAsync();
        var snapshotSeq = history.Max(c => c.Seq);
        scenario.Worker.Start();

        // Live traffic once the snapshot is out, so no status step is folded into a snapshot's creation.
        Assert.True(await scenario.Recorder.WaitUntilAsync(r => r.DistinctCount >= history.Count(c => c.Kind == SimChangeKinds.Created), TimeSpan.FromSeconds(30)), scenario.WorkerLogTail());
        await scenario.Simulator.StartTrafficAsync(4_000, 200);
        await scenario.Simulator.WaitForTrafficAsync(TimeSpan.FromMinutes(1));
        var truth = await scenario.Simulator.ChangesAsync();

        // The original run: every creation and status step of the live traffic reached the broker.
        var live = GroundTruth.Expected(truth, StreamScenario.TenantId, snapshotSeq).Where(e => e.Kind is SimChangeKinds.Created or SimChangeKinds.Status).Select(e => e.EventId).ToHashSet();
        Assert.True(await scenario.Recorder.WaitUntilAsync(r => live.IsSubsetOf(r.Received.Select(x => x.Event.EventId)), TimeSpan.FromSeconds(60)), scenario.WorkerLogTail());
        await scenario.Worker.StopAsync(TimeSpan.FromSeconds(20));
        var statePath = scenario.Worker.Environment["State__Path"];
        var stateBefore = Assert.Single(await SqliteStateReader.ReadAsync(statePath, CancellationToken.None));

        // A window early in the live traffic (its records had time to be delivered, read or fail), and what
        // the ground truth says happened to its records.
        var created = truth.Where(c => c.Kind == SimChangeKinds.Created && c.Seq > snapshotSeq).Select(c => c.CreatedAt).Order(StringComparer.Ordinal).ToList();
        var (from, to) = (created[created.Count / 10], created[created.Count / 2]);
        var inWindow = truth.Where(c => c.Kind == SimChangeKinds.Created && string.CompareOrdinal(c.CreatedAt, from) >= 0 && string.CompareOrdinal(c.CreatedAt, to) <= 0).Select(c => c.RecordId).ToHashSet();
        var failed = truth.Where(c => c.Kind == SimChangeKinds.Status && c.Status == "failed").Select(c => c.RecordId).ToHashSet();
        var expected = truth
            .Where(c => inWindow.Contains(c.RecordId) && (c.Kind == SimChangeKinds.Created || (c.Kind == SimChangeKinds.Status && !(c.Status == "delivered" && failed.Contains(c.RecordId)))))
            .Select(c => GroundTruth.IdOf(c, StreamScenario.TenantId))
            .ToHashSet();
        var mark = scenario.Recorder.Received.Count;

        await using var backfill = new WorkerProcess(scenario.Worker.Environment, ["backfill", "--account", "e2e", "--from", Instant(from), "--to", Instant(to)]);
        backfill.Start();
        Assert.True(await backfill.WaitForExitAsync(TimeSpan.FromSeconds(60)), string.Join('\n', backfill.Output));
        output.WriteLine(string.Join('\n', backfill.Output));
        Assert.True(backfill.ExitCode == 0, string.Join('\n', backfill.Output));
        await scenario.Recorder.WaitUntilAsync(r => r.Received.Skip(mark).Select(x => x.Event.EventId).Distinct().Count() >= expected.Count, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(1));

        var republished = scenario.Recorder.Received.Skip(mark).ToList();
        var ids = republished.Select(r => r.Event.EventId).ToHashSet();
        output.WriteLine($"window {from}..{to}: {inWindow.Count} records, {expected.Count} expected events, {republished.Count} delivered");
        Assert.True(inWindow.Count >= 100, $"{inWindow.Count} records in the window");
        Assert.Contains(republished, r => r.Event is ChatMessageStatusChanged { Status: "read" });
        Assert.Contains(republished, r => r.Event is ChatMessageStatusChanged { Status: "failed" });
        Assert.Empty(expected.Except(ids));
        Assert.Empty(ids.Except(expected));
        Assert.True(ids.IsSubsetOf(live), "a backfilled EventId the original run did not publish");
        Assert.All(republished, r => Assert.Equal(r.Event.EventId, r.MessageId));
        Assert.All(republished.Select(r => r.Event).OfType<ChatMessageCreated>(), e => Assert.Equal(ChangeOrigin.Backfill, e.Origin));
        Assert.All(republished.Select(r => r.Event).OfType<ChatMessageStatusChanged>(), e => Assert.True(e.Inferred));
        Assert.Contains(backfill.Output, l => l.Contains($"{inWindow.Count:N0} ChatMessageCreated", StringComparison.Ordinal));

        var stateAfter = Assert.Single(await SqliteStateReader.ReadAsync(statePath, CancellationToken.None));
        Assert.Equal(stateBefore.Cursor!.Position, stateAfter.Cursor!.Position);
        Assert.Equal(stateBefore.Cursor.TierRuns, stateAfter.Cursor.TierRuns);
        Assert.Equal(stateBefore.TrackedRecords, stateAfter.TrackedRecords);
    }

    private static string Instant(string apiText) => NxlinkTime.Parse(apiText, Zone)!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // The value of the first sample of a metric whose labels contain the given one.
    private static double Sample(string exposition, string prefix, string label)
    {
        var line = exposition.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains(label, StringComparison.Ordinal));
        Assert.True(line is not null, $"no {prefix}...{label}...}} sample in /metrics");
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private static async Task<(HttpStatusCode Status, string Body)> EventuallyAsync(
        HttpClient http, string path, Func<(HttpStatusCode Status, string Body), bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        (HttpStatusCode Status, string Body) last = (0, "no answer");
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(path);
                last = (response.StatusCode, await response.Content.ReadAsStringAsync());
                if (done(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException ex)
            {
                last = (0, ex.Message);
            }

            await Task.Delay(250);
        }

        return last;
    }
}
