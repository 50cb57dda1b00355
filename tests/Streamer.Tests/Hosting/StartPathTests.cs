using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Streamer.Worker.Hosting;
using Streamer.Worker.Publishing;
using Streamer.Worker.State;

namespace Streamer.Tests.Hosting;

/// <summary>What stands between the process start and the first request (issue 14): the bus is not on that path.</summary>
public sealed class StartPathTests
{
    [Fact]
    public void CreateBuilder_HostedServices_PollingRightAfterTheStateFileAndTheBusStartedInTheBackground()
    {
        var hosted = StreamerHost.CreateBuilder([]).Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();

        var state = hosted.FindIndex(d => d.ImplementationType == typeof(StateStoreInitializer));
        Assert.Equal("Streamer.Worker.Polling", hosted[state + 1].ImplementationType?.Namespace);
        Assert.DoesNotContain(hosted, d => d.ImplementationType == typeof(MassTransitHostedService));
        Assert.Single(hosted, d => d.ImplementationType == typeof(BusStarter));
    }

    [Fact]
    public void CreateBuilder_HealthEndpointOn_OpenTelemetryStartsInTheBackgroundAndNoHealthCheckPublisherService()
    {
        var hosted = StreamerHost.CreateBuilder(["--Health:Port=8080"]).Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();

        Assert.Equal(typeof(TelemetryStarter), hosted[0].ImplementationType);
        Assert.DoesNotContain(hosted, d => d.ImplementationType?.FullName == TelemetryStarter.Replaces);
        Assert.DoesNotContain(hosted, d => d.ImplementationType?.Name == "HealthCheckPublisherHostedService");
    }

    [Fact]
    public async Task Host_HealthEndpointOn_MetricsProviderBuiltInTheBackground()
    {
        var folder = Directory.CreateTempSubdirectory("streamer-start-path-");
        try
        {
            var builder = StreamerHost.CreateBuilder([]);
            builder.Configuration["State:Path"] = Path.Combine(folder.FullName, "state.db");
            using var host = builder.Build();
            var starter = host.Services.GetServices<IHostedService>().OfType<TelemetryStarter>().Single();

            await starter.StartAsync(CancellationToken.None);
            await starter.StopAsync(CancellationToken.None);

            Assert.NotNull(host.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Host_ConstructingEveryHostedService_BuildsNoBus()
    {
        var folder = Directory.CreateTempSubdirectory("streamer-start-path-");
        try
        {
            var builder = StreamerHost.CreateBuilder([]);
            builder.Configuration["State:Path"] = Path.Combine(folder.FullName, "state.db");
            builder.Configuration["Health:Port"] = "8080";
            using var resolved = new ResolvedServices();
            using var host = builder.Build();

            // The host constructs every hosted service before it starts the first one.
            var services = host.Services.GetServices<IHostedService>().ToList();

            Assert.NotEmpty(services);
            var bus = resolved.Of(host.Services).Where(t => t.Contains("IBusInstance", StringComparison.Ordinal) || t.Contains("IBusDepot", StringComparison.Ordinal) || t is "MassTransit.IBus" or "MassTransit.IBusControl" or "MassTransit.IPublishEndpoint").ToList();
            Assert.True(bus.Count == 0, "Resolved while the hosted services were built: " + string.Join(", ", resolved.Of(host.Services)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task BusStarter_StartAsync_ReturnsAtOnceThenBuildsAndStartsTheBusAndStopsItWithTheHost()
    {
        using var gate = new ManualResetEventSlim();
        var depot = new FakeDepot();
        await using var provider = new ServiceCollection().AddSingleton<IBusDepot>(_ =>
        {
            gate.Wait(TimeSpan.FromSeconds(10));
            return depot;
        }).BuildServiceProvider();
        var lifetime = new FakeLifetime();
        await using var starter = new BusStarter(provider, lifetime, NullLogger<BusStarter>.Instance);

        var start = starter.StartAsync(CancellationToken.None);

        Assert.True(start.IsCompletedSuccessfully, "StartAsync waited for the bus to be built.");
        Assert.Equal(0, depot.Starts);
        gate.Set();
        await depot.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await starter.StopAsync(CancellationToken.None);
        Assert.Equal(1, depot.Stops);
        Assert.False(lifetime.Stopped);
    }

    [Fact]
    public async Task BusStarter_BusCannotBeBuilt_StopsTheApplicationAndFailsTheStop()
    {
        await using var provider = new ServiceCollection()
            .AddSingleton<IBusDepot>(_ => throw new InvalidOperationException("no transport"))
            .BuildServiceProvider();
        var lifetime = new FakeLifetime();
        await using var starter = new BusStarter(provider, lifetime, NullLogger<BusStarter>.Instance);

        await starter.StartAsync(CancellationToken.None);

        await lifetime.StopRequested.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<InvalidOperationException>(() => starter.StopAsync(CancellationToken.None));
    }

    private sealed class FakeDepot : IBusDepot
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Starts { get; private set; }

        public int Stops { get; private set; }

        public Task Start(CancellationToken cancellationToken)
        {
            Starts++;
            Started.TrySetResult();
            return Task.CompletedTask;
        }

        public Task Stop(CancellationToken cancellationToken)
        {
            Stops++;
            return Task.CompletedTask;
        }
    }

    private sealed class FakeLifetime : IHostApplicationLifetime
    {
        public TaskCompletionSource StopRequested { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Stopped => StopRequested.Task.IsCompleted;

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => StopRequested.TrySetResult();
    }

    /// <summary>The services resolved from a provider, from the container's own event source.</summary>
    private sealed class ResolvedServices : EventListener
    {
        private readonly ConcurrentQueue<(string Type, int Provider)> resolved = new();

        public IEnumerable<string> Of(IServiceProvider provider) =>
            resolved.Where(r => r.Provider == provider.GetHashCode()).Select(r => r.Type);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Extensions-DependencyInjection")
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName == "ServiceResolved" && eventData.Payload is [string type, int provider, ..])
            {
                resolved.Enqueue((type, provider));
            }
        }
    }
}
