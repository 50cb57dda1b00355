using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Simulator.Control;
using Streamer.Simulator.Store;

namespace Streamer.Simulator.Generation;

/// <summary>
/// Makes the traffic of backlogs and live runs: new records, bursts and changes to records it picks, each recorded
/// in the ground truth. Deterministic: the changer's one seeded Random drives every choice and timestamps only
/// enter through whole seconds relative to each other, so the same seed and the same calls give the same records.
/// Its clock only moves forward; a record changes again only after MinChangeGap and in a later second, so every
/// change gets a strictly later updated_at.
/// </summary>
internal sealed class TrafficGenerator
{
    private const int RecentWindow = 500;
    private const int TriesPerPopulation = 8;

    private readonly RecordStore store;
    private readonly SimulatorClock clock;
    private readonly SimulatorOptions options;
    private readonly RecordChanger changer;
    private readonly Random random;
    private readonly MessageFactory factory;
    private readonly List<StoredRecord> all = [];
    private readonly List<StoredRecord> pending = [];

    public TrafficGenerator(RecordStore store, SimulatorClock clock, IOptions<SimulatorOptions> options, RecordChanger changer)
    {
        this.store = store;
        this.clock = clock;
        this.options = options.Value;
        this.changer = changer;
        random = changer.Random;
        factory = changer.Factory;
    }

    public bool BurstsEnabled => options.BurstSize > 0 && options.BurstInterval > TimeSpan.Zero;

    /// <summary>
    /// Makes <paramref name="count"/> changes at the clock's current second (or the generator's clock if later), read
    /// under the store's lock so that a clock step is either wholly before or wholly after them.
    /// </summary>
    public void Generate(int count)
    {
        lock (store.Gate)
        {
            var second = Advance(clock.NowSecond);
            for (var i = 0; i < count; i++)
            {
                One(second);
            }
        }
    }

    /// <summary>Creates <paramref name="size"/> template messages of one campaign in one second, the clock's current one.</summary>
    public void Burst(int size)
    {
        lock (store.Gate)
        {
            BurstLocked(Advance(clock.NowSecond), size);
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
            start = Math.Min(end, Math.Max(changer.LastSecond, end - (long)span.TotalSeconds));
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

    private long Advance(long second) => changer.Advance(second);

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

    private bool TryStatus(long second)
    {
        if (Pick(second, static r => r.PendingIndex >= 0, pending) is not { } target)
        {
            return false;
        }

        if (changer.Status(target, second) != MessageTypes.Delivered)
        {
            RemovePending(target);
        }

        return true;
    }

    private bool TryReaction(long second)
    {
        if (Pick(second, static r => r.Record.MessageId is not null, all) is not { } target)
        {
            return false;
        }

        changer.React(target, second, mayRemove: true);
        return true;
    }

    private bool TryUpdate(long second)
    {
        if (Pick(second, static _ => true, all) is not { } target)
        {
            return false;
        }

        changer.Update(target, second);
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
                if (eligible(candidate) && changer.MayChange(candidate, second))
                {
                    return candidate;
                }
            }
        }

        return null;
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
