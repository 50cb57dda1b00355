using System.Diagnostics;
using MassTransit;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (b) MassTransit alone publishing the same events, configured as the worker configures it (publisher
/// confirms on, the worker's serializer settings: compact JSON, <c>Rabbit:CompactJson</c>, and its stamp: MessageId and the
/// routing headers of <see cref="StreamerHeaders"/>), each publish awaited
/// for its confirm with many in flight, as MassTransitEventPublisher does. The same run measures MassTransit's
/// default form first (indented, every null written: the worker before compact JSON), for the bytes and the
/// broker's CPU per message before and after, and last the compact form without the routing headers.
/// </summary>
public static class MassTransitPublishBenchmark
{
    /// <summary>Runs (b).</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var figures = context.Figures;
        var indented = await MeasureAsync(context, compact: false, stamped: true);
        var compact = await MeasureAsync(context, compact: true, stamped: true);
        var unstamped = await MeasureAsync(context, compact: true, stamped: false);
        var version = PackageVersion.Of(typeof(IBus));
        var settings = context.Settings;

        figures.Add("masstransit_publish_msgs_per_s", compact.Rate, 0,
            $"(b) MassTransit {version} with the worker's settings (compact JSON): the same events, Publish with MessageId = EventId and the routing headers, confirms, {settings.InFlight} in flight (after a warm-up)");
        RawPublishBenchmark.AddCpu(context, "masstransit", compact.Cpu, settings.PublishMessages);
        figures.Add("masstransit_message_bytes", compact.Bytes, 0,
            "(b) mean body size of 1,000 messages MassTransit published (basic.get), to compare with raw_message_bytes");
        figures.Add("masstransit_indented_publish_msgs_per_s", indented.Rate, 0,
            "(b) the same with MassTransit's default JSON (indented, every null written; Rabbit:CompactJson=false, the worker's form before issue 14)");
        RawPublishBenchmark.AddCpu(context, "masstransit_indented", indented.Cpu, settings.PublishMessages);
        figures.Add("masstransit_indented_message_bytes", indented.Bytes, 0, "(b) mean body size of 1,000 messages in MassTransit's default JSON");
        figures.Add("compact_vs_indented_bytes_ratio", compact.Bytes / indented.Bytes, 2, "(b) bytes per message, compact JSON / MassTransit's default JSON");
        if (compact.Cpu.BrokerSeconds is { } after && indented.Cpu.BrokerSeconds is { } before && before > 0)
        {
            figures.Add("compact_vs_indented_broker_cpu_ratio", after / before, 2, "(b) broker CPU per message, compact JSON / MassTransit's default JSON (same run, same messages)");
        }

        figures.Add("masstransit_unstamped_publish_msgs_per_s", unstamped.Rate, 0,
            "(b) the same compact messages with MessageId only, without the routing headers (what they cost the broker)");
        RawPublishBenchmark.AddCpu(context, "masstransit_unstamped", unstamped.Cpu, settings.PublishMessages);
        if (compact.Cpu.BrokerSeconds is { } stampedBroker && unstamped.Cpu.BrokerSeconds is { } unstampedBroker && unstampedBroker > 0)
        {
            figures.Add("headers_vs_none_broker_cpu_ratio", stampedBroker / unstampedBroker, 2, "(b) broker CPU per message, with the routing headers / without (same run)");
        }
    }

    private static async Task<(double Rate, CpuReading Cpu, double Bytes)> MeasureAsync(BenchContext context, bool compact, bool stamped)
    {
        var backlog = await context.BacklogAsync();
        var settings = context.Settings;
        await using var lease = await context.Broker.LeaseAsync(!stamped ? "masstransit-unstamped" : compact ? "masstransit" : "masstransit-indented");
        var events = backlog.Sample.Events;
        var bus = await StartBusAsync(lease.Uri, compact);
        try
        {
            await PublishAsync(bus, events, Math.Min(5_000, settings.PublishMessages), settings.InFlight, stamped);
            var before = await lease.CountAsync();
            var cpu = new CpuBudget();
            var watch = Stopwatch.StartNew();
            await PublishAsync(bus, events, settings.PublishMessages, settings.InFlight, stamped);
            watch.Stop();
            var used = cpu.Read();
            var queued = await lease.CountAsync() - before;
            if (queued != settings.PublishMessages)
            {
                throw new InvalidOperationException($"(b) {settings.PublishMessages} publishes confirmed but {queued} messages queued.");
            }

            BenchContext.Log($"masstransit ({(compact ? "compact" : "indented")} JSON{(stamped ? "" : ", no headers")}): {settings.PublishMessages / watch.Elapsed.TotalSeconds:0} msgs/s");
            return (settings.PublishMessages / watch.Elapsed.TotalSeconds, used, await QueueTopology.MeanBodySizeAsync(lease));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>
    /// A bus configured as the worker's AddStreamerPublisher configures it, started. MassTransit's serializer options are
    /// per process: each bus is created, and measured, after the previous one stopped.
    /// </summary>
    internal static async Task<IBusControl> StartBusAsync(Uri broker, bool compact)
    {
        var address = AmqpAddress.Parse(broker.ToString());
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            address.ConfigureHost(rabbit, host => host.PublisherConfirmation = true);
            WireJson.Configure(rabbit, compact);
        });
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return bus;
    }

    /// <summary>Publishes <paramref name="count"/> of <paramref name="events"/> in turn, <paramref name="inFlight"/> awaiting their confirm at once.</summary>
    internal static async Task PublishAsync(IBus bus, IReadOnlyList<ChatMessageEvent> events, int count, int inFlight, bool stamped)
    {
        using var gate = new SemaphoreSlim(inFlight, inFlight);
        var publishes = new Task[count];
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync();
            publishes[i] = PublishOneAsync(bus, (ChatMessageCreated)events[i % events.Count], stamped, gate);
        }

        await Task.WhenAll(publishes);
    }

    /// <summary>Publishes one event, awaits its confirm, then releases <paramref name="gate"/>.</summary>
    internal static async Task PublishOneAsync(IBus bus, ChatMessageCreated message, bool stamped, SemaphoreSlim gate)
    {
        try
        {
            // Stamped as the worker stamps each event: MessageId = EventId and its routing headers.
            await (stamped
                ? bus.Publish(message, static c =>
                {
                    c.MessageId = c.Message.EventId;
                    StreamerHeaders.Apply(c, c.Message);
                })
                : bus.Publish(message, static c => c.MessageId = c.Message.EventId));
        }
        finally
        {
            gate.Release();
        }
    }
}
