using System.Text.Json;
using Streamer.Contracts;
using Streamer.IntegrationTests.Stream;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;

namespace Streamer.IntegrationTests.Cli;

/// <summary><c>Logging:Format=json</c> on the real worker: one JSON object per line, without secrets or message contents.</summary>
[Collection(BrokerCollection.Name)]
public sealed class JsonLogTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task Run_FormatJson_EveryLineIsAJsonLogEntryWithoutSecretsOrContents()
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 65, workerSettings: new Dictionary<string, string> { ["Logging__Format"] = "json" });
        await scenario.Simulator.BacklogAsync(40, TimeSpan.FromHours(1));
        var records = (await scenario.Simulator.ChangesAsync()).Count(c => c.Kind == SimChangeKinds.Created);

        scenario.Worker.Start();
        Assert.True(await scenario.Recorder.WaitUntilAsync(r => r.DistinctCount >= records, TimeSpan.FromSeconds(60)), scenario.WorkerLogTail());
        await scenario.Worker.StopAsync(TimeSpan.FromSeconds(20));

        var lines = scenario.Worker.Output.Where(l => l.Length > 0).ToList();
        Assert.True(lines.Count > 5, scenario.WorkerLogTail());
        var categories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            Assert.True(DateTimeOffset.TryParse(root.GetProperty("Timestamp").GetString(), System.Globalization.CultureInfo.InvariantCulture, out var at), line);
            Assert.Equal(TimeSpan.Zero, at.Offset);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("LogLevel").GetString()), line);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("Message").GetString()), line);
            categories.Add(root.GetProperty("Category").GetString()!);
        }

        // The worker's own lines (the account's stream, the queues) are among them.
        Assert.Contains(categories, c => c.StartsWith("Streamer.Worker", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"EventId\":10", StringComparison.Ordinal) && l.Contains(StreamScenario.Queue, StringComparison.Ordinal));

        // Secrets and what the messages say stay out of the log.
        var worker = scenario.Worker.Environment;
        var brokerUri = new Uri(worker["Rabbit__Uri"]);
        string[] secrets = [worker["Accounts__0__AccessSecret"], brokerUri.UserInfo];
        var contents = scenario.Recorder.Received.Select(r => r.Event).OfType<ChatMessageCreated>()
            .SelectMany(e => new[] { e.Content, e.CustomerName, e.From, e.To })
            .OfType<string>()
            .Where(s => s.Length >= 6)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(contents);
        foreach (var secret in secrets.Concat(contents))
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }
}
