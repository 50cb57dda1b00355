using System.Threading.Channels;
using MassTransit;
using Streamer.Benchmarks.Events;
using Streamer.Nxlink;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// The ceiling's work: read every record of the backlog through the worker's client (pages of 100, a few read ahead)
/// and publish the event the worker's detector makes of each one, as (b) publishes, with many in flight.
/// </summary>
public static class CeilingPublisher
{
    private const int PagesAhead = 4;

    /// <summary>Reads and publishes every record of <paramref name="account"/>'s backlog; returns the publishes the broker confirmed.</summary>
    public static async Task<long> ReadAndPublishAsync(IBus bus, NxlinkAccount account, int inFlight)
    {
        var pages = Channel.CreateBounded<IReadOnlyList<ChatRecord>>(new BoundedChannelOptions(PagesAhead) { SingleReader = true, SingleWriter = true });
        using var stop = new CancellationTokenSource();
        var reading = ReadAllAsync(account, pages.Writer, stop.Token);
        var context = EventSample.SnapshotContext(account);
        using var gate = new SemaphoreSlim(inFlight, inFlight);
        var publishes = new List<Task>();
        try
        {
            await foreach (var page in pages.Reader.ReadAllAsync())
            {
                foreach (var record in page)
                {
                    var created = EventSample.Creation(record, context);
                    await gate.WaitAsync();
                    publishes.Add(MassTransitPublishBenchmark.PublishOneAsync(bus, created, stamped: true, gate));
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

    private static async Task ReadAllAsync(NxlinkAccount account, ChannelWriter<IReadOnlyList<ChatRecord>> pages, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var list in BacklogPages.ReadAsync(account, cancellationToken))
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
