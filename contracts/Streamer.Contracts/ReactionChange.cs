namespace Streamer.Contracts;

/// <summary>What happened to a message's reaction.</summary>
public enum ReactionChange
{
    /// <summary>A reaction was set where there was none.</summary>
    Added = 0,

    /// <summary>The reaction was replaced by another one.</summary>
    Changed = 1,

    /// <summary>The reaction was removed.</summary>
    Removed = 2,
}
