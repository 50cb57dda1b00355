namespace Streamer.Worker.Hosting;

/// <summary>
/// Registered right after polling: the hosted services after it (health endpoint, subscriber queues, bus, outbox
/// relay, media archiver) start once the first request was answered, or after <see cref="FirstRequestGate.MaxWait"/>.
/// Their events wait in the outbox meanwhile.
/// </summary>
internal sealed class FirstRequestWait(FirstRequestGate gate) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => gate.WaitAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
