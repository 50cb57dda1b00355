using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Streamer.Worker.Telemetry;

namespace Streamer.Worker.Hosting;

/// <summary>
/// Builds OpenTelemetry's meter and tracer providers on a background thread, in place of OpenTelemetry's own hosted
/// service, which built them first thing on the host's start path (about 0.2 s before the state file was even
/// opened). It keeps that service's place, first, and polling waits for <see cref="TelemetryReady"/>, so nothing the
/// first poll counts is lost; the health endpoint's <c>/metrics</c> waits for the providers too.
/// </summary>
internal sealed class TelemetryStarter(
    IServiceProvider services,
    IConfiguration configuration,
    IOptions<TelemetryOptions> options,
    TelemetryReady ready,
    ILogger<TelemetryStarter> logger) : IHostedService
{
    /// <summary>The full name of the hosted service this replaces.</summary>
    public const string Replaces = "OpenTelemetry.Extensions.Hosting.Implementation.TelemetryHostedService";

    private Task started = Task.CompletedTask;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        started = Task.Run(Build, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => started.WaitAsync(cancellationToken);

    private void Build()
    {
        try
        {
            _ = services.GetService<MeterProvider>();
            _ = services.GetService<TracerProvider>();
            if (TelemetryOptions.OtlpOf(configuration, options.Value) is { } otlp)
            {
                // Scheme, host and port only: a path or user info could hold a collector's credentials.
                Log.OtlpExporting(logger, $"{otlp.Uri.Scheme}://{otlp.Uri.Authority}", otlp.Protocol.ToString(), TelemetryOptions.ServiceNameOf(configuration));
            }
        }
        catch (Exception ex)
        {
            // Metrics and traces are not worth stopping the stream for: the stream goes on without them.
            Log.TelemetryNotStarted(logger, ex.GetType().Name);
        }
        finally
        {
            ready.Set();
        }
    }
}
