using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using Streamer.Contracts;
using Streamer.IntegrationTests.Stream;
using Streamer.Nxlink;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Streamer.Worker.Publishing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Cli;

/// <summary><c>streamer backfill --to-queue</c> against the real broker: one subscriber catches up, the others see nothing.</summary>
[Collection(BrokerCollection.Name)]
public sealed class BackfillToQueueTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private const string Bystander = "bystander";
    private const string Newcomer = "newcomer";
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Backfill_ToQueue_OnlyThatQueueReceivesTheWindowAndAMissingQueueIsRefused()
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 63, workerSettings: new Dictionary<string, string>
        {
            ["Rabbit__DeclareQueues__1"] = Bystander,
        });
        await scenario.Simulator.BacklogAsync(40, TimeSpan.FromHours(1));
        var created = (await scenario.Simulator.ChangesAsync()).Where(c => c.Kind == SimChangeKinds.Created).ToList();
        scenario.Worker.Start();
        Assert.True(await scenario.Recorder.WaitUntilAsync(r => r.DistinctCount >= created.Count, TimeSpan.FromSeconds(60)), scenario.WorkerLogTail());
        await scenario.Worker.StopAsync(TimeSpan.FromSeconds(20));

        // A subscriber that arrives later: its queue laid out as a MassTransit receive endpoint, empty.
        await DeclareLikeWorkerAsync(scenario.VirtualHost, Newcomer);
        var bystanderBefore = await DepthAsync(scenario.VirtualHost, Bystander);
        var recorded = scenario.Recorder.Received.Count;
        Assert.Equal(0u, await DepthAsync(scenario.VirtualHost, Newcomer));

        var from = Instant(First(created));
        var to = Instant(Last(created));

        // A queue the broker does not have: refused before anything is sent.
        await using (var missing = new WorkerProcess(scenario.Worker.Environment, ["backfill", "--account", "e2e", "--from", from, "--to", to, "--to-queue", "nobody-home"]))
        {
            missing.Start();
            Assert.True(await missing.WaitForExitAsync(TimeSpan.FromSeconds(60)), string.Join('\n', missing.Output));
            Assert.True(missing.ExitCode == 2, string.Join('\n', missing.Output));
            Assert.Contains(missing.Output, l => l.Contains("there is no queue 'nobody-home'", StringComparison.Ordinal));
        }

        await using var backfill = new WorkerProcess(scenario.Worker.Environment, ["backfill", "--account", "e2e", "--from", from, "--to", to, "--to-queue", Newcomer]);
        backfill.Start();
        Assert.True(await backfill.WaitForExitAsync(TimeSpan.FromSeconds(90)), string.Join('\n', backfill.Output));
        output.WriteLine(string.Join('\n', backfill.Output));
        Assert.True(backfill.ExitCode == 0, string.Join('\n', backfill.Output));
        Assert.Contains(backfill.Output, l => l.Contains($"to queue {Newcomer} only", StringComparison.Ordinal));

        // The newcomer gets every creation of the window, as backfilled events with the stream's ids.
        await using var newcomer = new QueueConsumer();
        await newcomer.StartAsync(scenario.VirtualHost, Newcomer);
        var records = created.Select(c => c.RecordId).ToHashSet();
        Assert.True(
            await newcomer.WaitUntilAsync(r => r.OfType<ChatMessageCreated>().Select(e => e.RecordId).ToHashSet().SetEquals(records), TimeSpan.FromSeconds(30)),
            $"{newcomer.Received.Count} events on {Newcomer}");
        var streamed = scenario.Recorder.Received.Select(r => r.Event.EventId).ToHashSet();
        Assert.All(newcomer.Received.OfType<ChatMessageCreated>(), e => Assert.Equal(ChangeOrigin.Backfill, e.Origin));
        Assert.All(newcomer.Received.OfType<ChatMessageCreated>(), e => Assert.Contains(e.EventId, streamed));
        // Sent, not published, yet with the routing headers a headers binding or a consume filter reads.
        Assert.All(newcomer.OriginHeaders, h => Assert.Equal(StreamerHeaders.NameOf(ChangeOrigin.Backfill), h));

        // Nobody else: the bystander's depth did not move and the recorder's queue got nothing.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(bystanderBefore, await DepthAsync(scenario.VirtualHost, Bystander));
        Assert.Equal(recorded, scenario.Recorder.Received.Count);
    }

    private static Task DeclareLikeWorkerAsync(Uri vhost, string queue)
    {
        var options = Options.Create(new RabbitOptions { Uri = vhost.ToString(), DeclareQueues = [queue] });
        var queues = new SubscriberQueues(options, NullLogger<SubscriberQueues>.Instance, TimeProvider.System);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return queues.DeclareAsync(timeout.Token);
    }

    private static async Task<uint> DepthAsync(Uri vhost, string queue)
    {
        var factory = new ConnectionFactory { Uri = vhost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    private static string First(IEnumerable<SimChange> changes) => changes.Select(c => c.CreatedAt).Order(StringComparer.Ordinal).First();

    private static string Last(IEnumerable<SimChange> changes) => changes.Select(c => c.CreatedAt).Order(StringComparer.Ordinal).Last();

    private static string Instant(string apiText) => NxlinkTime.Parse(apiText, Zone)!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
