using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;

namespace Streamer.Worker.Hosting;

/// <summary>The worker's host: configuration from appsettings.json, environment variables and the command line.</summary>
public static class StreamerHost
{
    /// <summary>Builds the streaming host.</summary>
    public static IHost Build(string[] args) => CreateBuilder(args).Build();

    /// <summary>
    /// The host builder with every service registered; <c>check</c>, <c>backfill</c> and <c>state</c> build it
    /// to read the same configuration as <c>run</c> without starting the worker. Hosted services start in
    /// this order: state lock, polling, health endpoint, subscriber queues, bus, outbox relay, media archiver.
    /// Polling comes right after the state file: its events go into the outbox, so the first request need not
    /// wait for the health endpoint or the broker; the bus is built and started in the background
    /// (<see cref="Publishing.BusStarter"/>) and the relay publishes once it is up.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        // appsettings.json is not watched: the worker reads its settings once, and the watcher walked the content
        // root's whole tree on the start path.
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, Configuration = configuration });
        AddConfigFile(builder.Configuration);
        builder.Logging.AddStreamerLogFormat(builder.Configuration);
        builder.Services
            .AddStreamerAccounts(builder.Configuration)
            .AddStreamerState(builder.Configuration)
            .AddStreamerCluster(builder.Configuration)
            .AddStreamerPolling(builder.Configuration)
            .AddStreamerHealth(builder.Configuration)
            .AddStreamerTelemetry(builder.Configuration)
            .AddStreamerPublisher(builder.Configuration)
            .AddStreamerOutbox(builder.Configuration)
            .AddStreamerMediaArchive(builder.Configuration);
        RemoveHealthCheckPublisherService(builder.Services);
        StartTelemetryInTheBackground(builder.Services);
        return builder;
    }

    /// <summary>
    /// A thousand accounts do not fit in environment variables: <c>ConfigFile</c> names a JSON file in
    /// appsettings.json's shape, read after appsettings.json and before the environment, so a variable still
    /// overrides what it says.
    /// </summary>
    private static void AddConfigFile(ConfigurationManager configuration)
    {
        if (configuration["ConfigFile"] is not { Length: > 0 } path)
        {
            return;
        }

        var full = Path.GetFullPath(path);
        var source = new JsonConfigurationSource
        {
            Path = Path.GetFileName(full),
            Optional = false,
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(full)!),
        };
        var sources = configuration.Sources;
        var lastJson = sources.Select((s, i) => (s, i)).LastOrDefault(x => x.s is JsonConfigurationSource).i;
        sources.Insert(lastJson + 1, source);
    }

    // OpenTelemetry's hosted service, first of all, built its providers on the start path (see TelemetryStarter).
    private static void StartTelemetryInTheBackground(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationType?.FullName == TelemetryStarter.Replaces)
            {
                services[i] = ServiceDescriptor.Singleton<IHostedService, TelemetryStarter>();
            }
        }
    }

    // AddHealthChecks registers a hosted service that runs health check publishers. The host constructs it with
    // the health check service, whose options hold MassTransit's bus check, so it built the bus before the
    // first hosted service started. Without a publisher (the worker registers none) it does nothing.
    private static void RemoveHealthCheckPublisherService(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IHealthCheckPublisher)))
        {
            return;
        }

        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService) &&
                services[i].ImplementationType?.FullName == "Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckPublisherHostedService")
            {
                services.RemoveAt(i);
            }
        }
    }
}
