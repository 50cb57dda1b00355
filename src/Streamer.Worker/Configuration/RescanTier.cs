namespace Streamer.Worker.Configuration;

/// <summary>A re-scan of the last <see cref="Horizon"/>, run every <see cref="Every"/> (zero: on every poll).</summary>
public sealed class RescanTier
{
    /// <summary>How far back the re-scan reads.</summary>
    public TimeSpan Horizon { get; set; }

    /// <summary>How often it runs; zero means on every poll.</summary>
    public TimeSpan Every { get; set; }
}
