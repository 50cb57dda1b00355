namespace Streamer.Worker.Polling;

/// <summary>How reading a slice ended.</summary>
public enum SliceOutcome
{
    /// <summary>Every record was read once, with no drift.</summary>
    Complete = 0,

    /// <summary>The slice holds more than the page budget; only its first page was read.</summary>
    TooBig = 1,

    /// <summary>The pages kept moving after every re-read; every record read is kept.</summary>
    Drifted = 2,
}
