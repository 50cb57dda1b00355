namespace Streamer.Worker.State;

/// <summary>
/// Opens the state database when the host starts, registered before every other hosted service: a locked,
/// unreadable or too new state file stops the start before anything polls or publishes.
/// </summary>
internal sealed class StateStoreInitializer(IStateDatabase database) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => database.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
