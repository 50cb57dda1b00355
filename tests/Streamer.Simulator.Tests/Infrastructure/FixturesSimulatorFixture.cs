
namespace Streamer.Simulator.Tests.Infrastructure;

/// <summary>A simulator serving the document's five example records.</summary>
public sealed class FixturesSimulatorFixture : IAsyncLifetime
{
    internal SimulatorHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await SimulatorHost.StartAsync(o => o.Mode = SimulatorMode.Fixtures);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
