using System.Diagnostics;
using System.Threading.Channels;
using Streamer.Benchmarks.Events;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Contracts;
using Streamer.Nxlink;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// The most any stream could reach against (b) on this machine: bare MassTransit as (b) runs it, publishing one event
/// per record it reads from the backlog simulator through the worker's client (pages of 100, a few read ahead), so the
/// cores also carry what a stream cannot avoid: the API serving the records and the client fetching and parsing them.
/// It detects nothing, stores nothing and has no outbox; the stream does all of that besides, so its ratio to (b)
/// should not exceed this one's in the same run (`ceiling_vs_masstransit_ratio`), noise aside.
/// </summary>
public static class CeilingBenchmark
{
    private const int PagesAhead = 4;

    /// <summary>Runs the ceiling section.</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var backlog = await context.BacklogAsync();
        var settings = context.Settings;
        await using var lease = await context.Broker.LeaseAsync("ceiling");
        var bus = await MassTransitPublishBenchmark.StartBusAsync(lease, compact: true);
        try
        {
            // The warm-up (b) has, so both are compared warm.
            await MassTransitPublishBenchmark.PublishAsync(bus, backlog.Sample.Events, Math.Min(5_000, settings.PublishMessages), settings.InFlight, stamped: true);
            var before = await lease.CountAsync();
            var cpu = new CpuBudget();
            var watch = Stopwatch.StartNew();
            var published = await ReadAndPublishAsync(bus, backlog, settings.InFlight);
            watch.Stop();
            var used = cpu.Read();
            var queued = await lease.CountAsync() - before;
            if (queued != published || published != backlog.Records)
            {
                throw new InvalidOperationException($"(ceiling) {backlog.Records} records, {published} publishes confirmed, {queued} messages queued.");
            }

            var rate = published / watch.Elapsed.TotalSeconds;
            BenchContext.Log($"ceiling: {rate:0} msgs/s, reading every record from the simulator");
            var figures = context.Figures;
            figures.Add("ceiling_publish_msgs_per_s", rate, 0,
                "(ceiling) (b)'s MassTransit publishing one event per record it reads from the backlog simulator (every record, pages of 100): the API and the client's fetching and parsing on the same cores, no detection, state or outbox");
            figures.Add("ceiling_process_cpu_us_per_msg", CpuReading.PerItem(used.SelfSeconds, published), 1,
                "(ceiling) CPU time per message of the benchmark process: the simulator serving the page, the client reading it, MassTransit publishing");
            figures.Add("ceiling_broker_cpu_us_per_msg", CpuReading.PerItem(used.BrokerSeconds, published), 1, "(ceiling) CPU time of the broker per message");
            figures.Add("ceiling_machine_cpu_busy_pct", used.MachineBusy * 100, 0, "(ceiling) share of both cores busy meanwhile (anything on the machine)");
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static async Task<long> ReadAndPublishAsync(MassTransit.IBus bus, Backlog backlog, int inFlight)
    {
        var pages = Channel.CreateBounded<IReadOnlyList<ChatRecord>>(new BoundedChannelOptions(PagesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = new CancellationTokenSource();
        var reading = ReadAllAsync(backlog.Simulator, pages.Writer, stop.Token);
        var events = backlog.Sample.Events;
        using var gate = new SemaphoreSlim(inFlight, inFlight);
        var publishes = new List<Task>((int)backlog.Records);
        try
        {
            await foreach (var page in pages.Reader.ReadAllAsync())
            {
                for (var i = 0; i < page.Count; i++)
                {
                    await gate.WaitAsync();
                    publishes.Add(MassTransitPublishBenchmark.PublishOneAsync(bus, (ChatMessageCreated)events[publishes.Count % events.Count], stamped: true, gate));
                }
            }
        }
        finally
        {
            // On a failure too: the reader is not left blocked on a full channel, nor a publish in flight when the gate goes.
            await stop.CancelAsync();
            await Task.WhenAll([reading, .. publishes]).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await reading;
        await Task.WhenAll(publishes);
        return publishes.Count;
    }

    // Every record of the backlog, oldest first, as EventSample reads its sample.
    private static async Task ReadAllAsync(BenchSimulator simulator, ChannelWriter<IReadOnlyList<ChatRecord>> pages, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var list in BacklogPages.ReadAsync(simulator, cancellationToken))
            {
                await pages.WriteAsync(list, cancellationToken);
            }

            pages.Complete();
        }
        catch (Exception error)
        {
            pages.Complete(error);
            throw;
        }
    }
}
