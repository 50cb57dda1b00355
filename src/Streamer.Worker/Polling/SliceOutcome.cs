namespace Streamer.Worker.Polling;

/// <summary>How reading a slice ended.</summary>
public enum SliceOutcome
{
    /// <summary>Every page was read.</summary>
    Complete = 0,

    /// <summary>The slice holds more than the page budget; only its first page was read.</summary>
    TooBig = 1,
}
