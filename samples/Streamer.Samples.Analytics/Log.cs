namespace Streamer.Samples.Analytics;

/// <summary>Every log line of the sample.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Analytics: {Counts}")]
    public static partial void Counts(ILogger logger, CountsSnapshot counts);
}
