namespace Streamer.Worker.Polling;

/// <summary>What probing one record says about the API's time filter.</summary>
public enum FilterEvidence
{
    /// <summary>Found in the one-second window of its updated_at only.</summary>
    UpdatedAt = 0,

    /// <summary>Found in the one-second window of its created_at only.</summary>
    CreatedAt = 1,

    /// <summary>Found in both, in neither (it changed meanwhile), or the probe failed.</summary>
    Unclear = 2,
}
