using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using MassTransit;
using Microsoft.Data.Sqlite;
using OpenTelemetry.Metrics;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.Publishing;
using Streamer.Worker.State;

namespace Streamer.Worker.Hosting;

/// <summary>
/// Does once, on a pool thread and on objects that are thrown away, what the main thread and the first poll do
/// first later on the start path: register OpenTelemetry and MassTransit (their registrations build topology,
/// serializer and provider configuration in static caches), validate options by their attributes, open SQLite
/// and hash with the platform's crypto library. Each first use loads native libraries, fills caches and JIT-compiles
/// code; done on the other core while the main thread reads the configuration, the start path finds them done.
/// </summary>
internal static class StartupWarmup
{
    /// <summary>Starts the warm-up; it never fails the start (the real work reports what is wrong).</summary>
    public static void Start() => _ = Task.Run(Warm);

    private static void Warm()
    {
        try
        {
            var services = new ServiceCollection();
            services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(StreamerMetrics.MeterName).AddPrometheusExporter());
            services.AddMassTransit(bus => bus.UsingRabbitMq((_, _) => { }));
            Validate(new StateOptions(), new RabbitOptions(), new OutboxOptions(), new MediaArchiveOptions());
            using (var sqlite = new SqliteConnection("Data Source=:memory:"))
            {
                sqlite.Open();
                using var command = sqlite.CreateCommand();
                command.CommandText = "SELECT 1";
                command.ExecuteScalar();
            }

            MD5.HashData(Array.Empty<byte>());
        }
#pragma warning disable CA1031 // A warm-up has nothing to report: the real work on the start path does.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static void Validate(params object[] options)
    {
        foreach (var value in options)
        {
            Validator.TryValidateObject(value, new ValidationContext(value), [], validateAllProperties: true);
        }
    }
}
