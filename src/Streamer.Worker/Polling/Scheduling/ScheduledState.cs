namespace Streamer.Worker.Polling.Scheduling;

/// <summary>What a scheduled account is doing.</summary>
internal enum ScheduledState
{
    /// <summary>Queued for its due time and a slot (a first poll, a next poll, or a retry after its back-off).</summary>
    Waiting,

    /// <summary>Polling, holding a slot.</summary>
    Running,

    /// <summary>Its last attempt failed; waiting out the back-off, without a slot.</summary>
    BackingOff,

    /// <summary>Its poll succeeded; being queued again.</summary>
    Finishing,

    /// <summary>
    /// Its lease was lost (a write refused for it, <see cref="Cluster.FencedWriteRefusedException"/>, or its holding
    /// ended): not polled again until removed.
    /// </summary>
    Parked,
}
