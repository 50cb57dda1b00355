using Microsoft.Extensions.Options;
using Streamer.Simulator.Control;
using Streamer.Simulator.Store;

namespace Streamer.Simulator.Generation;

/// <summary>
/// <c>/_sim/churn</c>: creates outbound messages and changes each of them once every period, staggered evenly over
/// the period, until the duration is over. The changes are live traffic's kinds in a cycle (a status step, a
/// reaction, a field update; a reaction instead of the status step once the status is final), so every state of
/// every record is a change a client must deliver. Live traffic never picks these records. One churn at a time: a
/// new one stops the previous one. One per tenant.
/// </summary>
internal sealed class Churn(RecordStore store, RecordChanger changer, SimulatorClock clock, IOptions<SimulatorOptions> options, ILogger<Churn> logger, int tenant)
{
    public const int MaxRecords = 10_000;
    private static readonly TimeSpan MinEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    private readonly Lock gate = new();
    private ChurnRun current = ChurnRun.Finished;

    public ChurnStatus Status => Current.Status;

    private ChurnRun Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    /// <summary>Why <paramref name="request"/> cannot run, or null.</summary>
    public string? Check(ChurnRequest request)
    {
        if (request.Records is < 1 or > MaxRecords)
        {
            return $"records must be 1..{MaxRecords}.";
        }

        // updated_at has whole seconds: a period of whole seconds keeps every record's changes that far apart.
        if (request.Every < MinEvery || request.Every > MaxDuration || request.Every.Ticks % TimeSpan.TicksPerSecond != 0 ||
            request.Every < options.Value.MinChangeGap)
        {
            return $"every must be whole seconds, at least {MinEvery} and at least MinChangeGap ({options.Value.MinChangeGap}).";
        }

        return request.Duration <= TimeSpan.Zero || request.Duration > MaxDuration ? $"duration must be more than 0 and at most {MaxDuration}." : null;
    }

    /// <summary>Creates the records now and starts changing them; <paramref name="request"/> has passed <see cref="Check"/>.</summary>
    public ChurnStatus Start(ChurnRequest request)
    {
        var records = new List<StoredRecord>(request.Records);
        long started;
        lock (store.Gate)
        {
            var second = changer.Advance(clock.NowSecond);
            var text = clock.Text(second);
            for (var k = 0; k < request.Records; k++)
            {
                var (id, record, conversation) = changer.Factory.NewOutboundMessage(second, text);
                var stored = new StoredRecord(id, record, second, second) { Conversation = conversation };
                store.Add(stored, SimChange.Created(record, clock.At(second)));
                records.Add(stored);
            }

            started = clock.Time.GetTimestamp();
        }

        var run = new ChurnRun(records, request.Every, request.Duration, started);
        lock (gate)
        {
            var previous = current;
            previous.Stop.Cancel();
            run.Task = Task.Run(
                async () =>
                {
                    await previous.Task.ConfigureAwait(false);
                    await RunAsync(run).ConfigureAwait(false);
                },
                CancellationToken.None);
            current = run;
        }

        Log.ChurnStarted(logger, tenant, request.Records, request.Every, request.Duration);
        return run.Status;
    }

    public async Task StopAsync()
    {
        var run = Current;
        await run.Stop.CancelAsync().ConfigureAwait(false);
        await run.Task.ConfigureAwait(false);
    }

    // Never throws: a later churn awaits this one.
    private async Task RunAsync(ChurnRun run)
    {
        var token = run.Stop.Token;
        var everySeconds = (long)run.Every.TotalSeconds;
        try
        {
            using var timer = new PeriodicTimer(Tick, clock.Time);
            while (clock.Time.GetElapsedTime(run.Started) is var elapsed && elapsed < run.Duration)
            {
                lock (store.Gate)
                {
                    var second = changer.Advance(clock.NowSecond);
                    for (var k = 0; k < run.Records.Count; k++)
                    {
                        // A record a page-one change touched, or a late tick, waits until a full period has passed.
                        if (run.Due[k] <= elapsed && changer.MayChange(run.Records[k], second, everySeconds))
                        {
                            Change(run.Records[k], run.Steps[k]++, second);
                            run.Due[k] += run.Every;
                            run.Changed();
                        }
                    }
                }

                await timer.WaitForNextTickAsync(token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped or replaced.
        }
        catch (Exception ex)
        {
            Log.ChurnFailed(logger, ex, tenant);
        }
        finally
        {
            Log.ChurnFinished(logger, tenant, run.Changes);
        }
    }

    private void Change(StoredRecord record, int step, long second)
    {
        switch (step % 3)
        {
            case 0 when record.Record.Status is MessageTypes.Sent or MessageTypes.Delivered:
                changer.Status(record, second);
                break;
            case 2:
                changer.Update(record, second);
                break;
            default:
                changer.React(record, second, mayRemove: true);
                break;
        }
    }
}
