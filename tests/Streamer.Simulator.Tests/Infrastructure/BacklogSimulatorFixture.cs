using Streamer.Simulator.Control;

namespace Streamer.Simulator.Tests.Infrastructure;

/// <summary>A simulator with a backlog generated at start-up, its ground truth read once.</summary>
public sealed class BacklogSimulatorFixture : IAsyncLifetime
{
    internal SimulatorHost Host { get; private set; } = null!;

    internal List<SimChange> Changes { get; private set; } = [];

    internal Dictionary<string, TruthRecord> Truth { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Host = await SimulatorHost.StartAsync(o =>
        {
            o.Mode = SimulatorMode.Backlog;
            o.BacklogChanges = 3_000;
            o.BacklogSpan = TimeSpan.FromMinutes(30);
            o.Seed = 1234;
        });
        Changes = await Host.ChangesAsync();
        Truth = GroundTruth.Replay(Changes);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
