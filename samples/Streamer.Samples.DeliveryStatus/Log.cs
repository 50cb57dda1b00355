namespace Streamer.Samples.DeliveryStatus;

/// <summary>Every log line of the sample.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Record {RecordId} v{Version} status {Status}: {Outcome}.")]
    public static partial void Handled(ILogger logger, string recordId, long version, string status, ApplyOutcome outcome);
}
