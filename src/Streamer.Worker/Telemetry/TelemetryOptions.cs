namespace Streamer.Worker.Telemetry;

/// <summary>Where traces go (<c>Telemetry</c>); metrics are scraped from the health endpoint's <c>/metrics</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>OTLP endpoint for traces (MassTransit publishes, nxlink HTTP calls), e.g. http://collector:4317; unset: no traces.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The <c>service.name</c> of the traces and metrics.</summary>
    public string ServiceName { get; set; } = "streamer";

    /// <summary>True when <see cref="OtlpEndpoint"/> is unset or an absolute http(s) URI.</summary>
    public bool HasValidEndpoint() =>
        string.IsNullOrWhiteSpace(OtlpEndpoint) ||
        (Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
