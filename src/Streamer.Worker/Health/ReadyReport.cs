using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streamer.Worker.Health;

/// <summary>
/// The JSON body of <c>/healthz/ready</c>: the overall status and, per check, its status and why. Only the checks
/// tagged <see cref="DescribedTag"/> (Streamer's own, whose descriptions hold account names, counts and fixed
/// reasons) show their description; any other check, such as MassTransit's bus, gets a fixed sentence, since its
/// description and exception carry the broker client's texts (hosts, addresses, connection errors). Exception
/// messages are never shown.
/// </summary>
internal static class ReadyReport
{
    /// <summary>The tag of a check whose description is written by Streamer and safe to serve.</summary>
    public const string DescribedTag = "streamer-described";

    // MassTransit's bus health check.
    private const string BusCheck = "masstransit-bus";

    /// <summary>Writes <paramref name="report"/> as indented JSON.</summary>
    public static byte[] ToJson(HealthReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", entry.Status.ToString());
                json.WriteString("description", entry.Tags.Contains(DescribedTag) ? entry.Description : Fixed(name, entry.Status));
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Fixed(string name, HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        _ when name == BusCheck => "the bus is not connected to the broker, or one of its endpoints is not ready (see the worker log)",
        HealthStatus.Degraded => "degraded (see the worker log)",
        _ => "not ready (see the worker log)",
    };
}
