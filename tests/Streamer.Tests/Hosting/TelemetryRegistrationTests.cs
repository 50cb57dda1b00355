using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Streamer.Tests.Media;
using Streamer.Worker;
using Streamer.Worker.Hosting;
using Streamer.Worker.Telemetry;

namespace Streamer.Tests.Hosting;

/// <summary>The standard OpenTelemetry variables turn export on and name the service; nothing is set up without them.</summary>
public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void AddStreamerTelemetry_OtlpEndpointVariableAlone_RegistersTracesMetricsAndLogs()
    {
        var services = Services(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317", ["Health:Port"] = "0" });

        Assert.Contains(services, d => d.ServiceType == typeof(TracerProvider));
        Assert.Contains(services, d => d.ServiceType == typeof(MeterProvider));
        Assert.Contains(services, d => d.ServiceType == typeof(LoggerProvider));
    }

    [Fact]
    public void AddStreamerTelemetry_NoEndpointAndNoHealthPort_RegistersNothing()
    {
        var services = Services(new() { ["Health:Port"] = "0" });

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(TracerProvider));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(MeterProvider));
    }

    [Fact]
    public void AddStreamerTelemetry_WithAnEndpoint_TracesTheWorkersOwnSpans()
    {
        var collector = new SpanCollector();
        var services = Services(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317", ["Health:Port"] = "0" });
        services.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(collector));
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<TracerProvider>();

        using (StreamerActivities.StartPoll("acc"))
        {
            using (StreamerActivities.StartDetect("acc", 3))
            {
            }
        }

        var spans = collector.Ended.Where(a => a.GetTagItem(StreamerActivities.AccountTag) as string == "acc").ToList();
        Assert.Equal(["detect", "poll"], spans.Select(s => s.OperationName));
        Assert.Equal(spans[1].SpanId, spans[0].ParentSpanId);
        Assert.Equal("streamer", provider.GetRequiredService<TracerProvider>().GetResource().Attributes.Single(a => a.Key == "service.name").Value);
    }

    [Theory]
    [InlineData(null, null, "streamer")]
    [InlineData(null, "from-otel", "from-otel")]
    [InlineData("own", "from-otel", "own")]
    public void ServiceNameOf_OwnSettingThenOtelServiceNameThenDefault(string? own, string? standard, string expected)
    {
        var configuration = Configuration(new() { ["Telemetry:ServiceName"] = own, ["OTEL_SERVICE_NAME"] = standard });

        Assert.Equal(expected, TelemetryOptions.ServiceNameOf(configuration));
    }

    [Fact]
    public void OtlpOf_OwnEndpointOverStandardOne_ProtocolFromTheStandardVariable()
    {
        var both = Configuration(new() { ["Telemetry:OtlpEndpoint"] = "http://collector:4318", ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://other:4317", ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf" });
        var standard = Configuration(new() { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://other:4317" });

        Assert.Equal(new OtlpEndpoint(new Uri("http://collector:4318"), OtlpExportProtocol.HttpProtobuf, Explicit: true), TelemetryOptions.OtlpOf(both, Bound(both)));
        Assert.Equal(new OtlpEndpoint(new Uri("http://other:4317"), OtlpExportProtocol.Grpc, Explicit: false), TelemetryOptions.OtlpOf(standard, Bound(standard)));
        Assert.Null(TelemetryOptions.OtlpOf(Configuration([]), new TelemetryOptions()));
    }

    [Fact]
    public async Task TelemetryStarter_OtlpConfigured_LogsWhereItExportsWithoutUserInfoOrPath()
    {
        var settings = new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://user:secret@127.0.0.1:4317/tenant/abc", ["OTEL_SERVICE_NAME"] = "edge-1", ["Health:Port"] = "0" };
        var services = Services(settings);
        using var provider = services.BuildServiceProvider();
        var logger = new RecordingLogger<TelemetryStarter>();
        var configuration = Configuration(settings);
        var ready = TelemetryReady.Pending(TimeProvider.System);
        var starter = new TelemetryStarter(provider, configuration, Microsoft.Extensions.Options.Options.Create(Bound(configuration)), ready, logger);

        await starter.StartAsync(CancellationToken.None);
        await starter.StopAsync(CancellationToken.None);

        Assert.True(ready.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(["http://127.0.0.1:4317"], logger.Values<string>(200, "Endpoint"));
        Assert.Equal(["edge-1"], logger.Values<string>(200, "ServiceName"));
    }

    [Fact]
    public void AddStreamerTelemetry_MetricsOn_RegistersNoMetricsListener()
    {
        // OpenTelemetry's own registration adds its listener; the worker's removes it (it built the meter provider
        // on the host's start path).
        var bare = new ServiceCollection();
        bare.AddOpenTelemetry().WithMetrics(m => m.AddMeter(StreamerMetrics.MeterName));
        var worker = Services(new() { ["Health:Port"] = "8080" });

        Assert.Contains(bare, d => d.ServiceType == typeof(IMetricsListener));
        Assert.DoesNotContain(worker, d => d.ServiceType == typeof(IMetricsListener));
        Assert.Contains(worker, d => d.ServiceType == typeof(MeterProvider));
    }

    [Fact]
    public void AddStreamerTelemetry_NothingToExport_TelemetryReadyAtOnce()
    {
        using var provider = Services(new() { ["Health:Port"] = "0" }).BuildServiceProvider();
        using var exporting = Services(new() { ["Health:Port"] = "8080" }).BuildServiceProvider();

        Assert.True(provider.GetRequiredService<TelemetryReady>().WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(exporting.GetRequiredService<TelemetryReady>().WaitAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task TelemetryReady_NeverCompleted_PollingWaitsAtMostMaxWait()
    {
        var time = new FakeTimeProvider();
        var ready = TelemetryReady.Pending(time);

        var waiting = ready.WaitAsync(CancellationToken.None);
        time.Advance(TelemetryReady.MaxWait - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStreamerTelemetry(Configuration(settings));
        return services;
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static TelemetryOptions Bound(IConfiguration configuration) =>
        configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
}
