using System.Diagnostics;
using RabbitMQ.Client;
using Streamer.Benchmarks.Events;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Worker.Publishing;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (a) The ceiling: RabbitMQ.Client 7 alone publishing the stream's events, already serialized in MassTransit's
/// envelope as the worker writes it (compact JSON), persistent, with publisher confirms and many publishes in
/// flight on one channel.
/// </summary>
public static class RawPublishBenchmark
{
    /// <summary>Runs (a).</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var backlog = await context.BacklogAsync();
        var settings = context.Settings;
        await using var lease = await context.Broker.LeaseAsync("raw");
        var messages = backlog.Sample.Events
            .Select(e => new RawMessage(EventTypes.ExchangeName(e.GetType()), e.EventId.ToString(), EnvelopeSerializer.Serialize(e, lease.Uri, compact: true)))
            .ToArray();

        // The library tracks confirms and completes each publish when its confirm arrives; the semaphore
        // below bounds what is in flight, as the worker's MaxInFlight does.
        var options = new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null);
        await using var channel = await lease.Connection.CreateChannelAsync(options);

        await PublishAsync(channel, messages, Math.Min(5_000, settings.PublishMessages), settings.InFlight);
        var before = await lease.CountAsync();
        var cpu = new CpuBudget();
        var watch = Stopwatch.StartNew();
        await PublishAsync(channel, messages, settings.PublishMessages, settings.InFlight);
        watch.Stop();
        var used = cpu.Read();
        var queued = await lease.CountAsync() - before;
        if (queued != settings.PublishMessages)
        {
            throw new InvalidOperationException($"(a) {settings.PublishMessages} publishes confirmed but {queued} messages queued.");
        }

        var rate = settings.PublishMessages / watch.Elapsed.TotalSeconds;
        context.Figures.Add("raw_publish_msgs_per_s", rate, 0,
            $"(a) RabbitMQ.Client {PackageVersion.Of(typeof(IChannel))}: {settings.PublishMessages:N0} persistent messages to a durable queue, confirms, {settings.InFlight} in flight on one channel (after a warm-up)");
        AddCpu(context, "raw", used, settings.PublishMessages);
        context.Figures.Add("raw_message_bytes", messages.Take(1_000).Average(m => m.Body.Length), 0,
            "(a) mean body size of the first 1,000 messages: ChatMessageCreated events made from the simulator's records, in MassTransit's envelope, in the worker's compact JSON (written by MassTransit's serializer)");
    }

    /// <summary>The CPU figures of a publishing benchmark.</summary>
    public static void AddCpu(BenchContext context, string prefix, CpuReading used, long messages)
    {
        context.Figures.Add($"{prefix}_publisher_cpu_us_per_msg", CpuReading.PerItem(used.SelfSeconds, messages), 1, $"({(prefix == "raw" ? "a" : "b")}) CPU time of the publishing process per message");
        context.Figures.Add($"{prefix}_broker_cpu_us_per_msg", CpuReading.PerItem(used.BrokerSeconds, messages), 1, $"({(prefix == "raw" ? "a" : "b")}) CPU time of the broker (beam.smp) per message");
        context.Figures.Add($"{prefix}_machine_cpu_busy_pct", used.MachineBusy * 100, 0, $"({(prefix == "raw" ? "a" : "b")}) share of both cores busy meanwhile (anything on the machine)");
    }

    private static async Task PublishAsync(IChannel channel, RawMessage[] messages, int count, int inFlight)
    {
        using var gate = new SemaphoreSlim(inFlight, inFlight);
        var publishes = new Task[count];
        for (var i = 0; i < count; i++)
        {
            await gate.WaitAsync();
            publishes[i] = PublishOneAsync(channel, messages[i % messages.Length], gate);
        }

        await Task.WhenAll(publishes);
    }

    private static async Task PublishOneAsync(IChannel channel, RawMessage message, SemaphoreSlim gate)
    {
        try
        {
            var properties = new BasicProperties { Persistent = true, ContentType = EnvelopeSerializer.ContentType, MessageId = message.MessageId };
            await channel.BasicPublishAsync(message.Exchange, string.Empty, mandatory: false, properties, message.Body);
        }
        finally
        {
            gate.Release();
        }
    }
}
