using MassTransit;

namespace Streamer.Worker.Publishing;

/// <summary>
/// Builds and starts MassTransit's bus in the background, in place of MassTransit's own hosted service. That
/// one is constructed with the bus when the host resolves its hosted services, before the first of them starts,
/// so building the bus (configuration, topology, serializer) sat on the start path in front of the state file
/// and the first poll. Polling does not need the bus: its events go into the outbox, and the relay publishes
/// them once the bus is up. Stopping is MassTransit's: the bus stops with the host.
/// </summary>
internal sealed class BusStarter(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<BusStarter> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task<IBusDepot>? depot;
    private bool stopped;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        depot = Task.Run(Build, CancellationToken.None);
        _ = StartBusAsync(depot);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (depot is null || stopped)
        {
            return;
        }

        // A bus that could not be built fails the stop, as it failed the start before: the exit is not clean.
        var built = await depot.ConfigureAwait(false);
        stopped = true;
        await built.Stop(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (!stopped && depot is { IsCompletedSuccessfully: true })
        {
            stopped = true;
            await depot.Result.Stop(CancellationToken.None).ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    private IBusDepot Build()
    {
        try
        {
            return services.GetRequiredService<IBusDepot>();
        }
        catch (Exception ex)
        {
            Log.BusNotBuilt(logger, ex.GetType().Name);
            lifetime.StopApplication();
            throw;
        }
    }

    // As MassTransit's hosted service without WaitUntilStarted: the bus keeps trying to reach the broker, and
    // its faults are MassTransit's to log.
    private async Task StartBusAsync(Task<IBusDepot> built)
    {
        try
        {
            await (await built.ConfigureAwait(false)).Start(stopping.Token).ConfigureAwait(false);
        }
        catch (Exception) when (built.IsFaulted || stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.BusStartFailed(logger, ex.GetType().Name);
        }
    }
}
