namespace Streamer.Worker.State;

/// <summary>Why the worker takes the API to filter on what it does.</summary>
public enum FilterBasis
{
    /// <summary><c>Polling:FilterOn</c> names it; nothing is probed.</summary>
    Configured = 0,

    /// <summary>Learning, without conclusive evidence yet: created_at, the safe assumption.</summary>
    NoEvidence = 1,

    /// <summary>Learned from the last probe of the API.</summary>
    Probed = 2,

    /// <summary>Taken for updated_at until a probe disagreed: back to created_at, every re-scan run again.</summary>
    Disagreed = 3,
}
