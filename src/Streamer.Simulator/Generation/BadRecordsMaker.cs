using Streamer.Simulator.Control;
using Streamer.Simulator.Store;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Generation;

/// <summary>Makes the bad records of <c>POST /_sim/bad-records</c>, through the same clock and message factory as live traffic.</summary>
internal sealed class BadRecordsMaker(SimulatorClock clock)
{
    /// <summary>
    /// Adds records no client can read (no id, no or malformed timestamps) mixed with odd but valid ones
    /// (unknown chat_type, status and message type, megabyte content, exotic Unicode, nulls everywhere).
    /// They take no further changes.
    /// </summary>
    public BadRecordsResult BadRecords(Tenant tenant, int count)
    {
        var (store, changer) = (tenant.Store, tenant.Changer);
        var result = new BadRecordsResult();
        lock (store.Gate)
        {
            var second = changer.Advance(clock.NowSecond);
            var text = clock.Text(second);
            for (var k = 0; k < count; k++)
            {
                var (id, record, _) = changer.Factory.NewMessage(second, text);
                var marker = $"bad-record-{id}";
                var rejected = BadRecordVariants.Apply(k, record, marker);
                var stored = new StoredRecord(id, record, second, second);
                if (rejected)
                {
                    result.Rejected.Add(marker);
                    store.Add(stored, new SimChange { RecordId = marker, Kind = SimChangeKinds.Rejected, CreatedAt = text, UpdatedAt = text, At = clock.At(second) });
                    continue;
                }

                result.Odd.Add(record.Id!);
                store.Add(stored, SimChange.Created(record, clock.At(second)));
            }
        }

        return result;
    }
}
