using Streamer.Simulator.Control;
using Streamer.Simulator.Store;

namespace Streamer.Simulator.Generation;

/// <summary>One churn: its records, when each changes next, its own counter and stop switch.</summary>
internal sealed class ChurnRun : IDisposable
{
    private readonly List<string> recordIds;
    private long changes;

    public ChurnRun(List<StoredRecord> records, TimeSpan every, TimeSpan duration, long started)
    {
        Records = records;
        Every = every;
        Duration = duration;
        Started = started;
        recordIds = records.ConvertAll(static r => r.Record.Id!);
        Steps = new int[records.Count];
        Due = new TimeSpan[records.Count];

        // A full period after creation at the least, then staggered evenly over the period.
        for (var k = 0; k < records.Count; k++)
        {
            Due[k] = every + (every * ((double)k / records.Count));
        }
    }

    public static ChurnRun Finished { get; } = new([], TimeSpan.Zero, TimeSpan.Zero, 0) { Task = Task.CompletedTask };

    public List<StoredRecord> Records { get; }

    public TimeSpan Every { get; }

    public TimeSpan Duration { get; }

    /// <summary>The <see cref="TimeProvider"/> timestamp of the records' creation, what <see cref="Due"/> counts from.</summary>
    public long Started { get; }

    /// <summary>When each record changes next, as time since <see cref="Started"/> (or as soon after as its last change allows).</summary>
    public TimeSpan[] Due { get; }

    /// <summary>How many changes each record has had from the churn: where it is in the cycle of kinds.</summary>
    public int[] Steps { get; }

    public CancellationTokenSource Stop { get; } = new();

    public Task Task { get; set; } = Task.CompletedTask;

    public ChurnStatus Status => new()
    {
        Records = Records.Count,
        Every = Every,
        Duration = Duration,
        Changes = Interlocked.Read(ref changes),
        Running = !Task.IsCompleted,
        RecordIds = [.. recordIds],
    };

    public long Changes => Interlocked.Read(ref changes);

    public void Changed() => Interlocked.Increment(ref changes);

    public void Dispose() => Stop.Dispose();
}
