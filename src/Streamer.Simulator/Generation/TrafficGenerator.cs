using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Simulator.Control;
using Streamer.Simulator.Media;
using Streamer.Simulator.Store;

namespace Streamer.Simulator.Generation;

/// <summary>
/// Makes changes to the store and records each in the ground truth. Deterministic: one seeded Random drives every
/// choice and timestamps only enter through whole seconds relative to each other, so the same seed and the same
/// calls give the same records. Its clock only moves forward; a record changes again only after MinChangeGap
/// and in a later second, so every change gets a strictly later updated_at.
/// </summary>
internal sealed class TrafficGenerator
{
    private const int RecentWindow = 500;
    private const int TriesPerPopulation = 8;

    private readonly RecordStore store;
    private readonly SimulatorClock clock;
    private readonly SimulatorOptions options;
    private readonly Random random;
    private readonly MessageFactory factory;
    private readonly List<StoredRecord> all = [];
    private readonly List<StoredRecord> pending = [];
    private readonly long gapSeconds;
    private long lastSecond = long.MinValue;

    public TrafficGenerator(RecordStore store, SimulatorClock clock, IOptions<SimulatorOptions> options, MediaLinks links)
    {
        this.store = store;
        this.clock = clock;
        this.options = options.Value;
        random = new Random(this.options.Seed);
        factory = new MessageFactory(random, this.options, links);
        gapSeconds = Math.Max(1, (long)Math.Ceiling(this.options.MinChangeGap.TotalSeconds));
    }

    public bool BurstsEnabled => options.BurstSize > 0 && options.BurstInterval > TimeSpan.Zero;

    /// <summary>Makes <paramref name="count"/> changes at <paramref name="second"/> (or the generator's clock if later).</summary>
    public void Generate(long second, int count)
    {
        lock (store.Gate)
        {
            second = Advance(second);
            for (var i = 0; i < count; i++)
            {
                One(second);
            }
        }
    }

    /// <summary>Creates <paramref name="size"/> template messages of one campaign in one second.</summary>
    public void Burst(long second, int size)
    {
        lock (store.Gate)
        {
            BurstLocked(Advance(second), size);
        }
    }

    /// <summary>
    /// Makes <paramref name="changes"/> changes with timestamps spread evenly over the past <paramref name="span"/>
    /// ending now (never before the generator's clock, never in the future), with a few bursts among them.
    /// </summary>
    public void Backlog(int changes, TimeSpan span)
    {
        if (changes <= 0)
        {
            return;
        }

        var end = clock.NowSecond;
        long start;
        lock (store.Gate)
        {
            start = Math.Min(end, Math.Max(lastSecond, end - (long)span.TotalSeconds));
        }

        var length = end - start + 1;
        var bursts = BurstsEnabled && changes >= 4 * options.BurstSize ? Math.Clamp(changes / (options.BurstSize * 20), 1, 10) : 0;
        var nextBurst = 0;
        var i = 0;
        while (i < changes)
        {
            // In batches, so API requests are served while a large backlog is being made.
            lock (store.Gate)
            {
                var batchEnd = Math.Min(changes, i + 2_000);
                while (i < batchEnd)
                {
                    var second = Advance(start + (i * length / changes));
                    if (nextBurst < bursts && i >= (long)((2 * nextBurst) + 1) * changes / (2 * bursts))
                    {
                        var size = Math.Min(options.BurstSize, changes - i);
                        BurstLocked(second, size);
                        i += size;
                        nextBurst++;
                        continue;
                    }

                    One(second);
                    i++;
                }
            }
        }
    }

    /// <summary>
    /// Adds records no client can read (no id, no or malformed timestamps) mixed with odd but valid ones
    /// (unknown chat_type, status and message type, megabyte content, exotic Unicode, nulls everywhere).
    /// They take no further changes.
    /// </summary>
    public BadRecordsResult BadRecords(int count)
    {
        var result = new BadRecordsResult();
        lock (store.Gate)
        {
            var second = Advance(clock.NowSecond);
            var text = clock.Text(second);
            for (var k = 0; k < count; k++)
            {
                var (id, record, _) = factory.NewMessage(second, text);
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

    private long Advance(long second)
    {
        lastSecond = Math.Max(lastSecond, second);
        return lastSecond;
    }

    private void One(long second)
    {
        var roll = random.Next(100);
        var done = roll switch
        {
            < 40 => false,
            < 75 => TryStatus(second),
            < 90 => TryReaction(second),
            _ => TryUpdate(second),
        };

        if (!done)
        {
            var (id, record, conversation) = factory.NewMessage(second, clock.Text(second));
            Add(id, record, conversation, second);
        }
    }

    private void BurstLocked(long second, int size)
    {
        var template = random.Pick(TemplateSamples.All);
        var first = random.Next(factory.Customers.Count);
        var text = clock.Text(second);
        for (var k = 0; k < size; k++)
        {
            var customer = factory.Customers[(first + k) % factory.Customers.Count];
            var (id, record, conversation) = factory.NewCampaignMessage(customer, template, second, text);
            Add(id, record, conversation, second);
        }
    }

    private void Add(long id, ChatRecord record, Conversation conversation, long second)
    {
        var stored = new StoredRecord(id, record, second, second) { Conversation = conversation };
        all.Add(stored);
        if (record.Status == MessageTypes.Sent)
        {
            stored.PendingIndex = pending.Count;
            pending.Add(stored);
        }

        store.Add(stored, SimChange.Created(record, clock.At(second)));
    }

    // sent -> delivered | failed, delivered -> read | failed: one step, never back.
    private bool TryStatus(long second)
    {
        if (Pick(second, static r => r.PendingIndex >= 0, pending) is not { } target)
        {
            return false;
        }

        var record = target.Record;
        var previous = record.Status;
        var next = previous == MessageTypes.Sent
            ? (random.Next(100) < 90 ? MessageTypes.Delivered : MessageTypes.Failed)
            : (random.Next(100) < 93 ? MessageTypes.Read : MessageTypes.Failed);
        string? remark = null;
        if (next == MessageTypes.Failed)
        {
            remark = random.Pick(SampleText.FailureRemarks);
            record.Remark = remark;
        }

        record.Status = next;
        if (next != MessageTypes.Delivered)
        {
            RemovePending(target);
        }

        Commit(target, second, new SimChange { Kind = SimChangeKinds.Status, Status = next, PreviousStatus = previous, Remark = remark });
        return true;
    }

    private bool TryReaction(long second)
    {
        if (Pick(second, static r => r.Record.MessageId is not null, all) is not { } target)
        {
            return false;
        }

        var previous = target.Record.UserEmoji;
        var next = previous is null || random.Next(100) < 60 ? random.PickOther(SampleText.Emoji, previous) : null;
        target.Record.UserEmoji = next;
        Commit(target, second, new SimChange { Kind = SimChangeKinds.Reaction, Emoji = next, PreviousEmoji = previous });
        return true;
    }

    private bool TryUpdate(long second)
    {
        if (Pick(second, static _ => true, all) is not { } target)
        {
            return false;
        }

        var record = target.Record;
        var conversation = target.Conversation!;
        Dictionary<string, string?> fields;
        var roll = random.Next(100);
        if (roll < 40)
        {
            var name = factory.NewCustomerName();
            for (var i = 0; i < 8 && name == record.CustomerName; i++)
            {
                name = factory.NewCustomerName();
            }

            record.CustomerName = name;
            conversation.Customer.Name = name;
            fields = new() { ["customer_name"] = name };
        }
        else if (roll < 75)
        {
            var agent = random.PickOther(SampleText.Agents, SampleText.Agents.FirstOrDefault(a => a.Id == record.AgentId));
            (record.AgentId, record.AgentName, record.AgentAccount) = (agent.Id, agent.Name, agent.Account);
            conversation.Agent = agent;
            fields = new() { ["agent_id"] = agent.Id, ["agent_name"] = agent.Name, ["agent_account"] = agent.Account };
        }
        else
        {
            var remark = random.PickOther(SampleText.Remarks, record.Remark);
            record.Remark = remark;
            fields = new() { ["remark"] = remark };
        }

        Commit(target, second, new SimChange { Kind = SimChangeKinds.Updated, Fields = fields });
        return true;
    }

    // ~70% of targets among the most recent records, ~30% among all eligible ones, so old messages change too.
    private StoredRecord? Pick(long second, Func<StoredRecord, bool> eligible, List<StoredRecord> pool)
    {
        var recentFirst = random.Next(100) < 70;
        for (var pass = 0; pass < 2; pass++)
        {
            var recent = recentFirst == (pass == 0);
            var population = recent ? Math.Min(all.Count, RecentWindow) : pool.Count;
            for (var t = 0; t < TriesPerPopulation && population > 0; t++)
            {
                var candidate = recent ? all[all.Count - 1 - random.Next(population)] : pool[random.Next(population)];
                if (eligible(candidate) && second - candidate.UpdatedSecond >= gapSeconds)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private void Commit(StoredRecord target, long second, SimChange change)
    {
        var text = clock.Text(second);
        change.RecordId = target.Record.Id!;
        change.CreatedAt = target.Record.CreatedAt!;
        change.UpdatedAt = text;
        change.At = clock.At(second);
        store.Changed(target, second, text, change);
    }

    private void RemovePending(StoredRecord record)
    {
        var last = pending[^1];
        pending[record.PendingIndex] = last;
        last.PendingIndex = record.PendingIndex;
        pending.RemoveAt(pending.Count - 1);
        record.PendingIndex = -1;
    }
}
