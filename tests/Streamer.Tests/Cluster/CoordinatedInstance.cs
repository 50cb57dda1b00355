using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Streamer.Tests.Media;
using Streamer.Tests.Polling;
using Streamer.Worker;
using Streamer.Worker.Cluster;

namespace Streamer.Tests.Cluster;

/// <summary>One instance's <see cref="LeaseCoordinator"/> in a test, with the assignments it published as they arrive.</summary>
internal sealed class CoordinatedInstance : IAsyncDisposable
{
    private readonly CancellationTokenSource watching = new();
    private readonly Task watcher;
    private readonly Lock gate = new();
    private IReadOnlyList<AccountAssignment> latest = [];

    public CoordinatedInstance(string id, ILeaseStore store, IAccountDirectory directory, FakeTimeProvider time, TestMeterFactory meters, ClusterOptions? options = null)
    {
        options ??= new ClusterOptions { ClaimJitter = TimeSpan.Zero };
        options.InstanceId = id;
        Metrics = new StreamerMetrics(meters);
        Alarm = new FenceAlarm(Metrics, new RecordingLogger<FenceAlarm>());
        Coordinator = new LeaseCoordinator(store, directory, Options.Create(options), Alarm, time, Logger);
        watcher = Task.Run(async () =>
        {
            await foreach (var assignment in Coordinator.WatchAsync(watching.Token))
            {
                lock (gate)
                {
                    latest = assignment;
                    Published++;
                }
            }
        });
    }

    public LeaseCoordinator Coordinator { get; }

    public FenceAlarm Alarm { get; }

    public StreamerMetrics Metrics { get; }

    public RecordingLogger<LeaseCoordinator> Logger { get; } = new();

    public int Published { get; private set; }

    /// <summary>The accounts of the last assignment published.</summary>
    public IReadOnlyList<AccountAssignment> Assignment
    {
        get
        {
            lock (gate)
            {
                return latest;
            }
        }
    }

    public IReadOnlyList<string> Accounts => [.. Assignment.Select(a => a.Name).Order(StringComparer.Ordinal)];

    /// <summary>Waits (generously) until the published assignment satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<AccountAssignment>, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition(Assignment))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await watching.CancelAsync();
        try
        {
            await watcher;
        }
        catch (OperationCanceledException)
        {
        }

        watching.Dispose();
        Coordinator.Dispose();
    }
}
