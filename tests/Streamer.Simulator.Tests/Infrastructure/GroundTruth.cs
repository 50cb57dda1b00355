using System.Globalization;
using Streamer.Simulator.Control;

namespace Streamer.Simulator.Tests.Infrastructure;

/// <summary>Replays the simulator's ground truth into the final state of every record.</summary>
internal static class GroundTruth
{
    public static Dictionary<string, TruthRecord> Replay(IEnumerable<SimChange> changes)
    {
        var records = new Dictionary<string, TruthRecord>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (change.Kind == SimChangeKinds.Created)
            {
                records.Add(change.RecordId, new TruthRecord
                {
                    Id = change.RecordId,
                    CreatedAt = change.CreatedAt,
                    UpdatedAt = change.UpdatedAt,
                    CustomerId = change.CustomerId,
                    ConversationId = change.ConversationId,
                    BusinessChannelId = change.BusinessChannelId,
                    AgentAccount = change.AgentAccount,
                    Status = change.Status,
                    Emoji = change.Emoji,
                    Changes = 1,
                });
                continue;
            }

            var record = records[change.RecordId];
            record.UpdatedAt = change.UpdatedAt;
            record.Changes++;
            switch (change.Kind)
            {
                case SimChangeKinds.Status:
                    record.Status = change.Status;
                    record.Remark = change.Remark ?? record.Remark;
                    break;
                case SimChangeKinds.Reaction:
                    record.Emoji = change.Emoji;
                    break;
                case SimChangeKinds.Updated:
                    foreach (var (field, value) in change.Fields!)
                    {
                        switch (field)
                        {
                            case "agent_account": record.AgentAccount = value; break;
                            case "remark": record.Remark = value; break;
                            case "customer_name": record.RenamedTo = value; break;
                        }
                    }

                    break;
            }
        }

        return records;
    }

    /// <summary>The endpoint's order: timestamp text (sortable), then id numerically.</summary>
    public static IOrderedEnumerable<TruthRecord> InApiOrder(IEnumerable<TruthRecord> records, Func<TruthRecord, string> timestamp) =>
        records.OrderBy(timestamp, StringComparer.Ordinal).ThenBy(r => long.Parse(r.Id, CultureInfo.InvariantCulture));
}
