using Microsoft.Extensions.Configuration.Json;
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
    /// this order: state lock, health endpoint, subscriber queues, bus, outbox relay, polling, media archiver.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        AddConfigFile(builder.Configuration);
        builder.Services
            .AddStreamerAccounts(builder.Configuration)
            .AddStreamerState(builder.Configuration)
            .AddStreamerHealth(builder.Configuration)
            .AddStreamerTelemetry(builder.Configuration)
            .AddStreamerPublisher(builder.Configuration)
            .AddStreamerOutbox(builder.Configuration)
            .AddStreamerPolling(builder.Configuration)
            .AddStreamerMediaArchive(builder.Configuration);
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
}
