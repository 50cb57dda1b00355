using Microsoft.Extensions.Options;
using Streamer.Simulator.Control;
using Streamer.Simulator.Store;

namespace Streamer.Simulator.Generation;

/// <summary>
/// What every source of changes shares: the one seeded Random, the message factory, a clock that only moves
/// forward, the MinChangeGap rule, and the changes to existing records with their ground-truth entries. Live
/// traffic, the churn and page-one changes all go through it, so each kind of change is made one way. Every
/// member expects the caller to hold the store's lock.
/// </summary>
internal sealed class RecordChanger
{
    private readonly RecordStore store;
    private readonly SimulatorClock clock;

    /// <summary>A tenant's changer: <paramref name="factory"/> makes the tenant's records and draws from the same seeded Random.</summary>
    public RecordChanger(RecordStore store, SimulatorClock clock, IOptions<SimulatorOptions> options, MessageFactory factory)
    {
        this.store = store;
        this.clock = clock;
        Random = factory.Random;
        Factory = factory;
        GapSeconds = Math.Max(1, (long)Math.Ceiling(options.Value.MinChangeGap.TotalSeconds));
    }

    /// <summary>Drives every choice of the generated data.</summary>
    public Random Random { get; }

    public MessageFactory Factory { get; }

    /// <summary>MinChangeGap in whole seconds, at least 1, so a record's updated_at strictly grows.</summary>
    public long GapSeconds { get; }

    /// <summary>The latest second a change was stamped with.</summary>
    public long LastSecond { get; private set; } = long.MinValue;

    /// <summary>The second to stamp a change with: <paramref name="second"/>, or the last one used when that is later.</summary>
    public long Advance(long second)
    {
        LastSecond = Math.Max(LastSecond, second);
        return LastSecond;
    }

    /// <summary>
    /// After the clock stepped to <paramref name="second"/>, <paramref name="forwardSeconds"/> ahead of where it ran
    /// (negative for a step back). Back: new changes follow the clock instead of piling up at the latest second
    /// used, and a record changed since then still changes only once its last change is old enough. Forward: every
    /// record's last change moves as far, so MinChangeGap stays a gap in time passed; otherwise a record changed just
    /// before the step could change again at once, a state no poller can see.
    /// </summary>
    public void Stepped(long second, long forwardSeconds)
    {
        LastSecond = Math.Min(LastSecond, second);
        if (forwardSeconds > 0)
        {
            store.ShiftChanges(forwardSeconds);
        }
    }

    /// <summary>Whether the record's last change is at least MinChangeGap (and <paramref name="minSeconds"/>) before <paramref name="second"/>.</summary>
    public bool MayChange(StoredRecord record, long second, long minSeconds = 0) =>
        second - record.ChangedSecond >= Math.Max(GapSeconds, minSeconds);

    /// <summary>sent -> delivered | failed, delivered -> read | failed: one step, never back. Returns the new status.</summary>
    public string Status(StoredRecord target, long second)
    {
        var record = target.Record;
        var previous = record.Status;
        var next = previous == MessageTypes.Sent
            ? (Random.Next(100) < 90 ? MessageTypes.Delivered : MessageTypes.Failed)
            : (Random.Next(100) < 93 ? MessageTypes.Read : MessageTypes.Failed);
        string? remark = null;
        if (next == MessageTypes.Failed)
        {
            remark = Random.Pick(SampleText.FailureRemarks);
            record.Remark = remark;
        }

        record.Status = next;
        Commit(target, second, new SimChange { Kind = SimChangeKinds.Status, Status = next, PreviousStatus = previous, Remark = remark });
        return next;
    }

    /// <summary>Adds or changes the customer's emoji, or, when <paramref name="mayRemove"/>, sometimes removes it.</summary>
    public void React(StoredRecord target, long second, bool mayRemove)
    {
        var previous = target.Record.UserEmoji;
        var next = !mayRemove || previous is null || Random.Next(100) < 60 ? Random.PickOther(SampleText.Emoji, previous) : null;
        target.Record.UserEmoji = next;
        Commit(target, second, new SimChange { Kind = SimChangeKinds.Reaction, Emoji = next, PreviousEmoji = previous });
    }

    /// <summary>Renames the customer, reassigns the agent or sets a remark.</summary>
    public void Update(StoredRecord target, long second)
    {
        var record = target.Record;
        var conversation = target.Conversation!;
        Dictionary<string, string?> fields;
        var roll = Random.Next(100);
        if (roll < 40)
        {
            var name = Factory.NewCustomerName();
            for (var i = 0; i < 8 && name == record.CustomerName; i++)
            {
                name = Factory.NewCustomerName();
            }

            record.CustomerName = name;
            conversation.Customer.Name = name;
            fields = new() { ["customer_name"] = name };
        }
        else if (roll < 75)
        {
            var agent = Random.PickOther(SampleText.Agents, SampleText.Agents.FirstOrDefault(a => a.Id == record.AgentId));
            (record.AgentId, record.AgentName, record.AgentAccount) = (agent.Id, agent.Name, agent.Account);
            conversation.Agent = agent;
            fields = new() { ["agent_id"] = agent.Id, ["agent_name"] = agent.Name, ["agent_account"] = agent.Account };
        }
        else
        {
            var remark = Random.PickOther(SampleText.Remarks, record.Remark);
            record.Remark = remark;
            fields = new() { ["remark"] = remark };
        }

        Commit(target, second, new SimChange { Kind = SimChangeKinds.Updated, Fields = fields });
    }

    private void Commit(StoredRecord target, long second, SimChange change)
    {
        var text = clock.Text(second);
        change.RecordId = target.Record.Id!;
        change.CreatedAt = target.Record.CreatedAt!;
        change.At = clock.At(second);
        store.Changed(target, second, text, change);
    }
}
