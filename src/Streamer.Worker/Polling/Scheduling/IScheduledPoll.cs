namespace Streamer.Worker.Polling.Scheduling;

/// <summary>What the <see cref="PollScheduler"/> runs for an account: one poll, and the account's cadence and back-off.</summary>
internal interface IScheduledPoll
{
    /// <summary>The account's name, interval and back-off.</summary>
    PollSchedule Schedule { get; }

    /// <summary>Cancelled when the instance stops holding the account: its run ends quietly, as if removed.</summary>
    CancellationToken Held => CancellationToken.None;

    /// <summary>One poll; returns the cursor's position after it. A failure is retried after the account's back-off.</summary>
    Task<DateTimeOffset?> PollOnceAsync(CancellationToken cancellationToken);
}
