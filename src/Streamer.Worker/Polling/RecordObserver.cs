using Streamer.Nxlink;
using Streamer.Worker.Detection;
using Streamer.Worker.Outbox;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Polling;

/// <summary>
/// Turns one observation of a record into the outbox entries of its events: detection, then each event
/// encoded. Whatever goes wrong with one record (an exception while detecting or encoding it, an event the
/// broker would refuse as too large) is a reason to reject that record, never a slice that fails on every retry.
/// </summary>
internal sealed class RecordObserver(string account, int maxMessageBytes, StreamerMetrics metrics, ILogger logger)
{
    /// <summary>Observes <paramref name="record"/> against its last known <paramref name="state"/>.</summary>
    public RecordObservation Observe(RecordSnapshot? state, ChatRecord record, DetectionContext context)
    {
        DetectionResult result;
        OutboxEntry[] entries;
        try
        {
            result = ChangeDetector.Detect(state, record, context);
            if (result.IsRejected)
            {
                return RecordObservation.Rejected(result.RejectReason!);
            }

            entries = new OutboxEntry[result.Events.Count];
            for (var i = 0; i < entries.Length; i++)
            {
                entries[i] = OutboxCodec.Encode(account, result.Events[i]);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The type and the method that threw, never the message: it could quote the record's contents.
            return RecordObservation.Rejected($"it could not be turned into events ({ex.GetType().Name} in {ex.TargetSite?.DeclaringType?.Name}.{ex.TargetSite?.Name})");
        }

        foreach (var entry in entries)
        {
            if (!Fits(entry))
            {
                return RecordObservation.Rejected($"its {entry.Type} event would be {entry.Body.Length} bytes, more than Rabbit:MaxMessageBytes ({maxMessageBytes}) allows");
            }
        }

        if (result.BackwardSteps > 0)
        {
            metrics.Backward(account, result.BackwardSteps);
            Log.BackwardStatus(logger, account, UntrustedText.Clean(record.Id), result.BackwardSteps);
        }

        return new RecordObservation(result, entries, null);
    }

    /// <summary>True when the broker takes <paramref name="entry"/>: its JSON and MassTransit's envelope within <c>Rabbit:MaxMessageBytes</c>.</summary>
    public bool Fits(OutboxEntry entry) => entry.Body.Length <= (long)maxMessageBytes - RabbitOptions.EnvelopeAllowance;
}
