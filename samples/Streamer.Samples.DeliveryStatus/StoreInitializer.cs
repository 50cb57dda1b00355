namespace Streamer.Samples.DeliveryStatus;

/// <summary>Opens the store at start-up, so a bad <see cref="StoreOptions.Path"/> fails fast.</summary>
public sealed class StoreInitializer(DeliveryStatusStore store) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
