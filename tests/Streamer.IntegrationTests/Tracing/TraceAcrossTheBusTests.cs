using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Streamer.IntegrationTests.Stream;
using Streamer.Simulator;
using Streamer.Testing;
using Streamer.Worker.Hosting;
using Streamer.Worker.Telemetry;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Tracing;

/// <summary>
/// A consumer's span joins the trace of the poll that detected its event, over the real broker. The worker runs
/// in this process (its host as <c>streamer run</c> builds it, with an in-memory exporter added), so its spans and
/// the consumer's can be compared; the consumer's bus is started first and outside any activity, and MassTransit
/// creates a consumer's span with the parent the message's headers name, never the ambient one: a shared trace id
/// can only have crossed the broker in the message.
/// </summary>
[Collection(SecondBrokerCollection.Name)]
public sealed class TraceAcrossTheBusTests(RabbitMqBroker broker, ITestOutputHelper output) : IDisposable
{
    private const string Queue = "traced-consumer";
    private readonly string stateDirectory = Directory.CreateTempSubdirectory("streamer-trace-").FullName;

    [Fact]
    public async Task Publish_TracedWorker_ConsumersSpanHasThePollsTraceIdThroughTheOutbox()
    {
        var vhost = await broker.CreateVirtualHostAsync("trace");
        await using var simulator = await SimulatorHost.StartAsync(o =>
        {
            o.Mode = SimulatorMode.Idle;
            o.Seed = 29;
        });
        await simulator.BacklogAsync(40, TimeSpan.FromMinutes(30));
        var deliveries = new ConcurrentQueue<TracedDelivery>();
        var consumer = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(vhost);
            cfg.ReceiveEndpoint(Queue, e => e.Consumer(() => new TracingConsumer(deliveries)));
        });
        await consumer.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        var spans = new List<Activity>();
        try
        {
            var builder = StreamerHost.CreateBuilder(Settings(vhost, simulator.BaseUrl));
            builder.Services.AddOpenTelemetry().WithTracing(t => t.AddSource(StreamerActivities.SourceName, "MassTransit").AddInMemoryExporter(spans));
            using var worker = builder.Build();
            await worker.StartAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (deliveries.Count < 10 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            await worker.StopAsync();
        }
        finally
        {
            await consumer.StopAsync();
        }

        List<Activity> ended;
        lock (spans)
        {
            ended = [.. spans];
        }

        Assert.True(deliveries.Count >= 10, $"{deliveries.Count} creations consumed");
        var byId = ended.ToDictionary(s => s.SpanId);
        var polls = ended.Where(s => s.Source.Name == StreamerActivities.SourceName && s.OperationName == "poll").ToList();
        Assert.NotEmpty(polls);
        foreach (var delivery in deliveries)
        {
            Assert.NotNull(delivery.Span);
            Assert.NotNull(delivery.TraceParent);

            // The header names the worker's publish span, a child of the detect span of a poll.
            var publish = Assert.Single(ended, s => s.Source.Name == StreamerActivities.SourceName && s.Id == delivery.TraceParent);
            Assert.Equal("publish", publish.OperationName);
            var detect = byId[publish.ParentSpanId];
            Assert.Equal("detect", detect.OperationName);
            var poll = byId[detect.ParentSpanId];
            Assert.Equal("poll", poll.OperationName);

            // The consumer's span is in that trace, under MassTransit's send span of the publish.
            Assert.Equal(poll.TraceId, delivery.Span.TraceId);
            Assert.Contains(ended, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer && s.ParentSpanId == publish.SpanId && s.TraceId == poll.TraceId);
        }

        output.WriteLine($"{deliveries.Count} creations consumed in {deliveries.Select(d => d.Span!.TraceId).Distinct().Count()} poll trace(s); {ended.Count} spans ended");
        Assert.Contains(ended, s => s.OperationName == "slice");
        Assert.Contains(ended, s => s.OperationName == "page request");
        Assert.Contains(ended, s => s.OperationName == "commit");
    }

    public void Dispose() => Directory.Delete(stateDirectory, recursive: true);

    private string[] Settings(Uri vhost, Uri api) =>
    [
        $"--Rabbit:Uri={vhost}",
        $"--State:Path={Path.Combine(stateDirectory, "state.db")}",
        "--Health:Port=0",
        "--Polling:Interval=00:00:01",
        "--Accounts:0:Name=traced",
        $"--Accounts:0:BaseUrl={api}",
        $"--Accounts:0:TenantId={StreamScenario.TenantId}",
        "--Accounts:0:AppKey=demo-appkey",
        "--Accounts:0:AccessKey=demo-access-key",
        "--Accounts:0:AccessSecret=demo-access-secret",
        "--Accounts:0:TimeZone=Asia/Shanghai",
    ];
}
