namespace Streamer.Samples.DeliveryStatus;

/// <summary>What the store did with an event.</summary>
public enum ApplyOutcome
{
    /// <summary>The event was newer than what was stored: it is the message's status now.</summary>
    Applied,

    /// <summary>The event id was processed before (a redelivery, a re-scan or a backfill): ignored.</summary>
    Duplicate,

    /// <summary>The store already holds this or a later version of the record: ignored.</summary>
    Stale,
}
