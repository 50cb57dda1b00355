using MassTransit;
using OpenTelemetry.Metrics;

namespace Streamer.Worker.Hosting;

/// <summary>
/// Registers MassTransit and OpenTelemetry once into a collection that is thrown away, on a pool thread, while the
/// main thread reads the configuration and registers the rest. Their registrations build topology, serializer and
/// provider configuration (static caches, mostly JIT-compiled code) on the calling thread: about a tenth of a
/// second of the main thread's path to the first request. Warmed up on the other core, the real registrations
/// find the code compiled and the caches filled. Nothing of the throwaway collection is used.
/// </summary>
internal static class StartupWarmup
{
    /// <summary>Starts the warm-up; it never fails the start (the real registrations report what is wrong).</summary>
    public static void Start() => _ = Task.Run(Warm);

    private static void Warm()
    {
        try
        {
            var services = new ServiceCollection();
            services.AddMassTransit(bus => bus.UsingRabbitMq((_, _) => { }));
            services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(StreamerMetrics.MeterName).AddPrometheusExporter());
        }
#pragma warning disable CA1031 // A warm-up has nothing to report: the real registration on the main thread does.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
