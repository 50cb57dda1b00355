using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streamer.Worker.Outbox;

/// <summary>Readiness: not ready while polling is paused because the outbox is full.</summary>
internal sealed class OutboxHealthCheck(OutboxBackpressure backpressure, IOutboxStore store) : IHealthCheck
{
    /// <summary>The check's name in <c>/healthz/ready</c>.</summary>
    public const string Name = "outbox";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var depth = store.Depth;
        var text = $"{depth.Rows} event(s), {depth.Bytes} bytes wait for the broker";
        return Task.FromResult(backpressure.IsPaused
            ? HealthCheckResult.Unhealthy($"Polling paused: the outbox is full ({text}).")
            : HealthCheckResult.Healthy($"{text}."));
    }
}
