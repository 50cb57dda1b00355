using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Streamer.Worker.Health;
using Streamer.Worker.Telemetry;

namespace Streamer.Worker.Hosting;

/// <summary>Registers the worker's metrics and traces (OpenTelemetry) and their exporters.</summary>
public static class TelemetryServiceCollectionExtensions
{
    // MassTransit's ActivitySource and Meter (MassTransit.Logging.DiagnosticHeaders.DefaultListenerName).
    private const string MassTransitInstrumentation = "MassTransit";
    private const string OpenTelemetryMetricsListener = "OpenTelemetry.Metrics.OpenTelemetryMetricsListener";

    /// <summary>
    /// OpenTelemetry (<c>Telemetry</c> and the standard <c>OTEL_*</c> variables): metrics of the worker, MassTransit,
    /// HttpClient and the runtime for the <c>/metrics</c> scrape when the health endpoint is on; with an OTLP endpoint
    /// (<c>Telemetry:OtlpEndpoint</c>, or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> alone) traces of the worker's own spans
    /// (<see cref="StreamerActivities"/>), MassTransit and HttpClient, the metrics and the logs go there too.
    /// Neither: nothing is registered.
    /// </summary>
    public static IServiceCollection AddStreamerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>()
            .Bind(configuration.GetSection(TelemetryOptions.SectionName))
            .Validate(o => o.HasValidEndpoint(), "Telemetry:OtlpEndpoint must be an absolute http(s) URI, for example http://localhost:4317.")
            .ValidateOnStart();

        // Decided from the raw settings: an unreadable value is reported by the options validation at start.
        var port = configuration[$"{HealthOptions.SectionName}:{nameof(HealthOptions.Port)}"];
        var metrics = !int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var number) || number != 0;
        var telemetry = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = TelemetryOptions.OtlpOf(configuration, telemetry);
        if (!metrics && otlp is null)
        {
            services.Replace(ServiceDescriptor.Singleton(TelemetryReady.None()));
            return services;
        }

        services.Replace(ServiceDescriptor.Singleton(sp => TelemetryReady.Pending(sp.GetService<TimeProvider>() ?? TimeProvider.System)));

        var otel = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(TelemetryOptions.ServiceNameOf(configuration)));
        otel.WithMetrics(m =>
        {
            m.AddMeter(StreamerMetrics.MeterName, MassTransitInstrumentation, "System.Runtime").AddHttpClientInstrumentation();
            if (metrics)
            {
                m.AddPrometheusExporter();
            }
        });
        RemoveMetricsListener(services);

        if (otlp is { } endpoint)
        {
            otel.WithTracing(t => t
                .AddSource(StreamerActivities.SourceName, MassTransitInstrumentation)
                .AddHttpClientInstrumentation());
            otel.WithLogging();

            // One exporter for the three signals; OTEL_EXPORTER_OTLP_* (headers, timeout, per-signal endpoints) apply.
            if (endpoint.Explicit)
            {
                otel.UseOtlpExporter(endpoint.Protocol, endpoint.Uri);
            }
            else
            {
                otel.UseOtlpExporter();
            }
        }

        return services;
    }

    // OpenTelemetry's IMetricsListener (for IMetricsBuilder rules, which the worker does not use: its meters are added
    // above) is built with the meter provider. The host starts Microsoft.Extensions.Diagnostics' metrics listeners
    // through a start-up options validation, which would build the provider on the start path, on the main thread,
    // before the state file is opened; without the listener, TelemetryStarter builds it in the background instead.
    private static void RemoveMetricsListener(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IMetricsListener) && services[i].ImplementationType?.FullName == OpenTelemetryMetricsListener)
            {
                services.RemoveAt(i);
            }
        }
    }
}
