using Streamer.Worker.Hosting;

namespace Streamer.Worker.Polling;

/// <summary>Sets the <see cref="FirstRequestGate"/> once the first API request was answered or failed.</summary>
internal sealed class FirstRequestSignal(FirstRequestGate gate) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        gate.IsSet ? base.SendAsync(request, cancellationToken) : SendFirstAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendFirstAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Set();
        }
    }
}
