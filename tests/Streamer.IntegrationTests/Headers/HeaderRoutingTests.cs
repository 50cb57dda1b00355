using System.Globalization;
using RabbitMQ.Client;
using Streamer.Contracts;
using Streamer.IntegrationTests.Stream;
using Streamer.Nxlink;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Streamer.Worker.Publishing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Headers;

/// <summary>
/// The routing headers over the real broker, as consumers that do not read the body use them: a plain AMQP
/// queue that reads the headers of every message, and a RabbitMQ headers exchange whose binding lets through
/// only <c>Streamer-Origin=Backfill</c>. The worker (snapshot, then live changes) and <c>streamer backfill</c> run
/// as their own processes.
/// </summary>
[Collection(SecondBrokerCollection.Name)]
public sealed class HeaderRoutingTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private const string Everything = "headers-everything";
    private const string BackfillOnly = "headers-backfill-only";
    private const string BackfillExchange = "streamer-backfill-only";
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Publish_SnapshotLiveAndBackfill_HeadersArriveAndAHeadersBindingSelectsOnlyBackfill()
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 83);
        await using var connection = await AmqpAddress.Parse(scenario.VirtualHost.ToString()).CreateConnectionFactory("headers-test").CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await DeclareAsync(channel);
        await scenario.Simulator.BacklogAsync(120, TimeSpan.FromHours(1));
        var backlog = (await scenario.Simulator.ChangesAsync()).Where(c => c.Kind == SimChangeKinds.Created).ToList();

        scenario.Worker.Start();
        Assert.True(await scenario.Recorder.WaitUntilAsync(r => r.DistinctCount >= backlog.Count, TimeSpan.FromSeconds(60)), scenario.WorkerLogTail());
        await scenario.Simulator.StartTrafficAsync(400, 200);
        await scenario.Simulator.WaitForTrafficAsync(TimeSpan.FromMinutes(1));
        Assert.True(
            await scenario.Recorder.WaitUntilAsync(r => r.Received.Any(x => x.Event is ChatMessageStatusChanged { Origin: ChangeOrigin.Live }), TimeSpan.FromSeconds(30)),
            scenario.WorkerLogTail());

        var created = backlog.Select(c => c.CreatedAt).Order(StringComparer.Ordinal).ToList();
        await using var backfill = new WorkerProcess(scenario.Worker.Environment, ["backfill", "--account", "e2e", "--from", Instant(created[0]), "--to", Instant(created[^1])]);
        backfill.Start();
        Assert.True(await backfill.WaitForExitAsync(TimeSpan.FromSeconds(60)), string.Join('\n', backfill.Output));
        Assert.True(backfill.ExitCode == 0, string.Join('\n', backfill.Output));
        await scenario.Worker.StopAsync(TimeSpan.FromSeconds(20));

        // Everything is confirmed by now: what the queues hold is all there will be.
        var everything = await DrainAsync(channel, Everything);
        var selected = await DrainAsync(channel, BackfillOnly);
        output.WriteLine($"{everything.Count} messages; by origin header: {string.Join(", ", everything.GroupBy(m => m.Headers.GetValueOrDefault(StreamerHeaders.Origin, "(none)")).Select(g => $"{g.Key} {g.Count()}"))}; {selected.Count} through the Backfill binding");

        var events = everything.Where(m => m.MessageType.StartsWith("ChatMessage", StringComparison.Ordinal)).ToList();
        Assert.All(events, m =>
        {
            Assert.Equal(m.Message.GetProperty("tenantId").GetString(), m.Headers[StreamerHeaders.TenantId]);
            Assert.Equal(StreamScenario.TenantId, m.Headers[StreamerHeaders.TenantId]);
            Assert.Equal(m.Message.GetProperty("recordId").GetString(), m.Headers[StreamerHeaders.RecordId]);
            Assert.Equal(((ChangeOrigin)m.Message.GetProperty("origin").GetInt32()).ToString(), m.Headers[StreamerHeaders.Origin]);
        });
        var seen = events.Select(m => (m.MessageType, Origin: m.Headers[StreamerHeaders.Origin])).ToHashSet();
        Assert.Contains(("ChatMessageCreated", "Snapshot"), seen);
        Assert.Contains(("ChatMessageCreated", "Live"), seen);
        Assert.Contains(("ChatMessageCreated", "Backfill"), seen);
        Assert.Contains(("ChatMessageStatusChanged", "Live"), seen);
        Assert.Contains(("ChatMessageStatusChanged", "Backfill"), seen);

        // The headers binding let through exactly the backfill's messages, none of the stream's.
        var backfilled = events.Where(m => m.Headers[StreamerHeaders.Origin] == "Backfill").ToList();
        Assert.NotEmpty(backfilled);
        Assert.All(selected, m => Assert.Equal("Backfill", m.Headers[StreamerHeaders.Origin]));
        Assert.Equal(Keys(backfilled), Keys(selected));
    }

    // The raw queue takes every event exchange's messages; the headers exchange takes them too and passes on
    // only those whose Streamer-Origin header is Backfill.
    private static async Task DeclareAsync(IChannel channel)
    {
        await channel.QueueDeclareAsync(Everything, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueDeclareAsync(BackfillOnly, durable: true, exclusive: false, autoDelete: false);
        await channel.ExchangeDeclareAsync(BackfillExchange, ExchangeType.Headers, durable: true, autoDelete: false);
        await channel.QueueBindAsync(BackfillOnly, BackfillExchange, string.Empty, new Dictionary<string, object?> { ["x-match"] = "all", [StreamerHeaders.Origin] = "Backfill" });
        foreach (var type in EventTypes.All)
        {
            var exchange = EventTypes.ExchangeName(type);
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(Everything, exchange, string.Empty);
            await channel.ExchangeBindAsync(BackfillExchange, exchange, string.Empty);
        }
    }

    private static async Task<List<RawMessage>> DrainAsync(IChannel channel, string queue)
    {
        var messages = new List<RawMessage>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            messages.Add(RawMessage.Of(message));
        }

        return messages;
    }

    private static List<string> Keys(IEnumerable<RawMessage> messages) =>
        [.. messages.Select(m => $"{m.MessageType} {m.Message.GetProperty("eventId").GetString()}").Distinct().Order(StringComparer.Ordinal)];

    private static string Instant(string apiText) => NxlinkTime.Parse(apiText, Zone)!.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
