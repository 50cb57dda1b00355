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
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services
            .AddStreamerAccounts(builder.Configuration)
            .AddStreamerState(builder.Configuration)
            .AddStreamerPolling(builder.Configuration)
            .AddStreamerHealth(builder.Configuration)
            .AddStreamerTelemetry(builder.Configuration)
            .AddStreamerPublisher(builder.Configuration)
            .AddStreamerOutbox(builder.Configuration)
            .AddStreamerMediaArchive(builder.Configuration);
        return builder;
    }
}
