using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Streamer.Worker.Health;

/// <summary>
/// Serves <c>/healthz/live</c>, <c>/healthz/ready</c> and <c>/metrics</c> on <see cref="HealthOptions.Port"/>
/// with a minimal Kestrel of its own, so the worker stays a plain generic host and nothing listens when the
/// port is 0. It listens on <see cref="HealthOptions.Address"/>, loopback unless set wider. It starts right
/// after the state file is opened, before the broker is reached, so liveness answers while the worker waits
/// for RabbitMQ.
/// </summary>
internal sealed class HealthServer(
    IOptions<HealthOptions> options,
    IServiceProvider services,
    ILogger<HealthServer> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>The tag of the checks <c>/healthz/ready</c> runs (MassTransit tags its bus check so too).</summary>
    public const string ReadyTag = "ready";

    private WebApplication? app;

    /// <summary>Where the endpoint listens once started (for example http://localhost:8080); empty when it is off.</summary>
    public IReadOnlyList<string> Urls => app?.Urls.ToList() ?? [];

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Port == 0)
        {
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => Listen(kestrel, settings.Address, settings.Port));
        builder.Services.AddRoutingCore();
        var web = builder.Build();
        web.MapGet("/healthz/live", (RequestDelegate)LiveAsync);
        web.MapGet("/healthz/ready", (RequestDelegate)ReadyAsync);
        if (services.GetService<MeterProvider>() is { } meters)
        {
            web.UseOpenTelemetryPrometheusScrapingEndpoint(meters, predicate: null!, path: "/metrics", configureBranchedPipeline: null!, optionsName: null!);
        }

        try
        {
            await web.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await web.DisposeAsync().ConfigureAwait(false);
            throw new HealthPortUnavailableException(settings.Port, ex);
        }

        app = web;
        Log.HealthListening(logger, string.Join(", ", web.Urls));
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            app = null;
        }
    }

    private static void Listen(KestrelServerOptions kestrel, string address, int port)
    {
        switch (address)
        {
            case "*" or "+":
                kestrel.ListenAnyIP(port);
                break;
            case "localhost":
                kestrel.ListenLocalhost(port);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(address), port);
                break;
        }
    }

    private static Task LiveAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync("Healthy", context.RequestAborted);
    }

    // 200 when every check tagged "ready" is healthy (the MassTransit bus, the accounts, the outbox), 503
    // otherwise; the body says which check is not and a reason that shows no secret or foreign text.
    private async Task ReadyAsync(HttpContext context)
    {
        // Taken at the first request, not when the host builds its services: its options hold MassTransit's bus
        // check, and with it the bus, which is built in the background (BusStarter).
        var checks = services.GetRequiredService<HealthCheckService>();
        var report = await checks.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(ReadyReport.ToJson(report), context.RequestAborted).ConfigureAwait(false);
    }
}
