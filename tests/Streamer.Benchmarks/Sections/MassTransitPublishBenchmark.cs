using System.Diagnostics;
using MassTransit;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (b) MassTransit alone publishing the same events, configured as the worker configures it (publisher
/// confirms on), each publish awaited for its confirm with many in flight, as MassTransitEventPublisher does.
/// </summary>
public static class MassTransitPublishBenchmark
{
    /// <summary>Runs (b).</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var backlog = await context.BacklogAsync();
        var settings = context.Settings;
        await using var lease = await context.Broker.LeaseAsync("masstransit");
        var events = backlog.Sample.Events;
        var address = AmqpAddress.Parse(lease.Uri.ToString());
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(address.Host, address.Port, address.VirtualHost, host =>
        {
            host.Username(address.UserName);
            host.Password(address.Password);
            host.PublisherConfirmation = true;
        }));
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        try
        {
            await PublishAsync(bus, events, Math.Min(5_000, settings.PublishMessages), settings.InFlight);
            var before = await lease.CountAsync();
            var cpu = new CpuBudget();
            var watch = Stopwatch.StartNew();
            await PublishAsync(bus, events, settings.PublishMessages, settings.InFlight);
            watch.Stop();
            var used = cpu.Read();
            var queued = await lease.CountAsync() - before;
            if (queued != settings.PublishMessages)
            {
                throw new InvalidOperationException($"(b) {settings.PublishMessages} publishes confirmed but {queued} messages queued.");
            }

            context.Figures.Add("masstransit_publish_msgs_per_s", settings.PublishMessages / watch.Elapsed.TotalSeconds, 0,
                $"(b) MassTransit {PackageVersion.Of(typeof(IBus))}: the same events, Publish with MessageId = EventId, confirms, {settings.InFlight} in flight (after a warm-up)");
            RawPublishBenchmark.AddCpu(context, "masstransit", used, settings.PublishMessages);
            context.Figures.Add("masstransit_message_bytes", await BodySizeAsync(lease), 0,
                "(b) mean body size of 1,000 messages MassTransit published (basic.get), to compare with raw_message_bytes");
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static async Task PublishAsync(IBus bus, IReadOnlyList<ChatMessageEvent> events, int count, int inFlight)
    {
        using var gate = new SemaphoreSlim(inFlight, inFlight);
        var publishes = new Task[count];
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync();
            publishes[i] = PublishOneAsync(bus, (ChatMessageCreated)events[i % events.Count], gate);
        }

        await Task.WhenAll(publishes);
    }

    private static async Task PublishOneAsync(IBus bus, ChatMessageCreated message, SemaphoreSlim gate)
    {
        try
        {
            await bus.Publish(message, static c => c.MessageId = c.Message.EventId);
        }
        finally
        {
            gate.Release();
        }
    }

    // The mean over the first messages in the queue (the warm-up's, i.e. the sample's first events).
    private static async Task<double> BodySizeAsync(VirtualHostLease lease)
    {
        await using var channel = await lease.Connection.CreateChannelAsync();
        long bytes = 0;
        var count = 0;
        while (count < 1_000 && await channel.BasicGetAsync(QueueTopology.Queue, autoAck: true) is { } message)
        {
            bytes += message.Body.Length;
            count++;
        }

        return count == 0 ? double.NaN : (double)bytes / count;
    }
}
