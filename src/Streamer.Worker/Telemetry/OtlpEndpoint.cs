using OpenTelemetry.Exporter;

namespace Streamer.Worker.Telemetry;

/// <summary>Where OTLP export goes, once an endpoint is configured.</summary>
/// <param name="Uri">The endpoint.</param>
/// <param name="Protocol">gRPC unless <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> says <c>http/protobuf</c>.</param>
/// <param name="Explicit">
/// True when <c>Telemetry:OtlpEndpoint</c> gave it; false when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> did, which the
/// OpenTelemetry SDK then reads itself, with the rest of the standard variables.
/// </param>
public sealed record OtlpEndpoint(Uri Uri, OtlpExportProtocol Protocol, bool Explicit);
