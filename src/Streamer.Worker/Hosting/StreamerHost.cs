namespace Streamer.Worker.Hosting;

/// <summary>The worker's host: configuration from appsettings.json, environment variables and the command line.</summary>
public static class StreamerHost
{
    /// <summary>Builds the streaming host.</summary>
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services
            .AddStreamerAccounts(builder.Configuration)
            .AddStreamerState(builder.Configuration)
            .AddStreamerPublisher(builder.Configuration)
            .AddStreamerPolling(builder.Configuration);
        return builder.Build();
    }
}
