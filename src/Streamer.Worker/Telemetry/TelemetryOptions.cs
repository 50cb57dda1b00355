using OpenTelemetry.Exporter;

namespace Streamer.Worker.Telemetry;

/// <summary>
/// Where traces, metrics and logs go (<c>Telemetry</c>); metrics are also scraped from the health endpoint's
/// <c>/metrics</c>. The standard OpenTelemetry variables apply as well: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> alone turns
/// OTLP export on, <c>OTEL_SERVICE_NAME</c> names the service unless <see cref="ServiceName"/> is set.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>The service name when neither <c>Telemetry:ServiceName</c> nor <c>OTEL_SERVICE_NAME</c> is set.</summary>
    public const string DefaultServiceName = "streamer";

    /// <summary>
    /// OTLP endpoint for traces, metrics and logs, e.g. http://collector:4317 (gRPC; http/protobuf with
    /// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>); unset: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else no export.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>The <c>service.name</c> of the traces, metrics and logs.</summary>
    public string ServiceName { get; set; } = DefaultServiceName;

    /// <summary>True when <see cref="OtlpEndpoint"/> is unset or an absolute http(s) URI.</summary>
    public bool HasValidEndpoint() =>
        string.IsNullOrWhiteSpace(OtlpEndpoint) ||
        (Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    /// <summary><c>Telemetry:ServiceName</c>, else <c>OTEL_SERVICE_NAME</c>, else <see cref="DefaultServiceName"/>.</summary>
    public static string ServiceNameOf(IConfiguration configuration) =>
        NonEmpty(configuration[$"{SectionName}:{nameof(ServiceName)}"]) ?? NonEmpty(configuration["OTEL_SERVICE_NAME"]) ?? DefaultServiceName;

    /// <summary>The OTLP endpoint configured by <c>Telemetry:OtlpEndpoint</c> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; null: no export.</summary>
    public static OtlpEndpoint? OtlpOf(IConfiguration configuration, TelemetryOptions options)
    {
        var protocol = string.Equals(configuration["OTEL_EXPORTER_OTLP_PROTOCOL"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        if (NonEmpty(options.OtlpEndpoint) is { } own)
        {
            // An invalid one is reported by the options validation at start.
            return options.HasValidEndpoint() ? new OtlpEndpoint(new Uri(own), protocol, Explicit: true) : null;
        }

        return Uri.TryCreate(NonEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]), UriKind.Absolute, out var standard)
            ? new OtlpEndpoint(standard, protocol, Explicit: false)
            : null;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
