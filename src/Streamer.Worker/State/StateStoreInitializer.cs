namespace Streamer.Worker.State;

/// <summary>Opens the state store when the host starts: a locked or unreadable state file stops the start.</summary>
internal sealed class StateStoreInitializer(SqliteStateStore store) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
