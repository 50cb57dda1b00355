using Microsoft.Extensions.Configuration.Memory;
using Streamer.Nxlink;
using Streamer.Simulator.Api;
using Streamer.Simulator.Control;
using Streamer.Simulator.Faults;
using Streamer.Simulator.Generation;
using Streamer.Simulator.Media;
using Streamer.Simulator.Store;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator;

/// <summary>
/// Builds the simulator: the nxlink chat records endpoint plus the <c>/_sim</c> control endpoints. Program.cs
/// runs it; tests host it in-process with <c>--urls http://127.0.0.1:0</c> and read the bound address from
/// <see cref="WebApplication.Urls"/> after <c>StartAsync</c>.
/// </summary>
public static class SimulatorApp
{
    /// <summary>Builds the app; <paramref name="configure"/> runs after configuration binding.</summary>
    public static WebApplication Build(string[] args, Action<SimulatorOptions>? configure = null) =>
        Build(args, configure, configureServices: null);

    /// <summary>
    /// Builds the app; <paramref name="configureServices"/> runs last, so it can replace any service, e.g. the
    /// <see cref="TimeProvider"/> with a fake one.
    /// </summary>
    public static WebApplication Build(string[] args, Action<SimulatorOptions>? configure, Action<IServiceCollection>? configureServices)
    {
        var builder = WebApplication.CreateBuilder(args);

        // Per-request framework logs would drown the console during a benchmark; configuration can still override.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = [new("Logging:LogLevel:Microsoft.AspNetCore", "Warning")],
        });

        var services = builder.Services;
        services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            services.PostConfigure(configure);
        }

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, SimulatorJsonContext.Default));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SimulatorClock>();
        services.AddSingleton<SimulatorStats>();
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<Tenants>();
        services.AddSingleton<AllTenantTraffic>();
        services.AddSingleton<SimulatorStatsReader>();
        services.AddSingleton<FilterSwitch>();
        services.AddSingleton<MediaLinks>();
        services.AddSingleton<BadRecordsMaker>();
        services.AddSingleton<HostileMedia>();
        services.AddSingleton<HostileMediaLinks>();
        services.AddSingleton<HostileRecordsMaker>();
        services.AddSingleton<MediaEndpoint>();
        services.AddSingleton<ClockStep>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<TenantFaults>();
        services.AddSingleton<PageDrift>();
        services.AddSingleton<ChatRecordsRequestParser>();
        services.AddSingleton<ChatRecordsEndpoint>();
        services.AddHostedService<SimulatorStartup>();
        configureServices?.Invoke(services);

        var app = builder.Build();
        app.MapGet(NxlinkHeaders.ChatRecordsPath, (HttpContext context, ChatRecordsEndpoint endpoint) => endpoint.HandleAsync(context));
        app.MapSimulatorControl();
        return app;
    }
}
