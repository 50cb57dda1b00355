using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Outbox;

/// <summary>
/// Publishes what the outbox holds and deletes each entry once the broker confirmed it. It starts by reading
/// the store from the beginning (what a crash or an outage left), then takes new entries from the feed in
/// memory; when the feed overflowed, or the broker failed, it drains and reads the store again. Publishing
/// resumes with the same <c>EventId</c>s: a consumer dedupes what was confirmed but not yet deleted.
/// </summary>
internal sealed class OutboxRelay(
    IOutboxStore store,
    OutboxFeed feed,
    IEventPublisher publisher,
    IOptions<OutboxOptions> options,
    IOptions<RabbitOptions> rabbit,
    TimeProvider time,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    // A killed worker publishes again what was confirmed and not yet deleted: keep that window short.
    private static readonly TimeSpan DeleteEvery = TimeSpan.FromMilliseconds(20);
    private readonly OutboxOptions settings = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => !stoppingToken.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryDelay,
                MaxDelay = settings.MaxRetryDelay,
                OnRetry = args =>
                {
                    Log.OutboxRelayFailed(logger, args.Outcome.Exception?.GetType().Name ?? "none", store.Depth.Rows, args.RetryDelay);
                    return default;
                },
            })
            .Build();
        try
        {
            // A round ends when the feed overflowed or the broker failed. A round that fails before the broker
            // confirmed anything is retried with growing back-off; one that fails later starts afresh at once.
            while (!stoppingToken.IsCancellationRequested)
            {
                await retry.ExecuteAsync(RoundAsync, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask RoundAsync(CancellationToken cancellationToken)
    {
        await using var dispatcher = new OutboxDispatcher(publisher, rabbit.Value.MaxInFlight, cancellationToken);
        try
        {
            await RunAsync(dispatcher, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (dispatcher.ConfirmedAny && !cancellationToken.IsCancellationRequested)
        {
            Log.OutboxRelayFailed(logger, ex.GetType().Name, store.Depth.Rows, TimeSpan.Zero);
        }
    }

    // Catch up from the store, then follow the feed until it overflows; throws when the broker fails.
    private async Task RunAsync(OutboxDispatcher dispatcher, CancellationToken cancellationToken)
    {
        using var stopDeleting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var deleting = DeleteConfirmedAsync(dispatcher, stopDeleting.Token);
        try
        {
            feed.Reset();
            await store.CountAsync(cancellationToken).ConfigureAwait(false);
            var high = await CatchUpAsync(dispatcher, cancellationToken).ConfigureAwait(false);
            await FollowAsync(dispatcher, high, cancellationToken).ConfigureAwait(false);
            await dispatcher.DrainAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (dispatcher.Failed.IsFaulted)
        {
            await dispatcher.DrainAsync().ConfigureAwait(false);
        }
        finally
        {
            await stopDeleting.CancelAsync().ConfigureAwait(false);
            await deleting.ConfigureAwait(false);

            // What was confirmed before a failure is deleted too, so it is not published again.
            await DeleteAsync(dispatcher, CancellationToken.None).ConfigureAwait(false);
        }
    }

    // Everything in the store, in order; returns the highest sequence number read.
    private async Task<long> CatchUpAsync(OutboxDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var high = 0L;
        while (true)
        {
            var batch = await store.ReadAsync(high, settings.ReadBatch, cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return high;
            }

            foreach (var entry in batch)
            {
                await dispatcher.DispatchAsync(entry).ConfigureAwait(false);
                high = entry.Seq;
            }

            ThrowIfFailed(dispatcher);
        }
    }

    // Entries at or below what the store gave were read there; the feed holds them too.
    private async Task FollowAsync(OutboxDispatcher dispatcher, long high, CancellationToken cancellationToken)
    {
        // A take still waiting when this round ends is cancelled: it must not take what the next round is to get.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, dispatcher.Stopping);
        while (true)
        {
            Queue<OutboxEntry>? entries;
            try
            {
                entries = await feed.TakeAsync(stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (dispatcher.Failed.IsFaulted)
            {
                ThrowIfFailed(dispatcher);
                throw;
            }

            ThrowIfFailed(dispatcher);
            if (entries is null)
            {
                if (feed.CatchUpRequested)
                {
                    Log.OutboxCatchingUpTakenAccounts(logger, store.Depth.Rows);
                }
                else
                {
                    Log.OutboxFeedOverflowed(logger, store.Depth.Rows);
                }

                return;
            }

            foreach (var entry in entries)
            {
                if (entry.Seq > high)
                {
                    await dispatcher.DispatchAsync(entry).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task DeleteConfirmedAsync(OutboxDispatcher dispatcher, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(DeleteEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                // Not cancellable once taken: a batch dropped half-way would be published again.
                await DeleteAsync(dispatcher, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeleteAsync(OutboxDispatcher dispatcher, CancellationToken cancellationToken)
    {
        var confirmed = new List<OutboxEntry>();
        dispatcher.TakeConfirmed(confirmed);
        if (confirmed.Count > 0)
        {
            await store.DeleteAsync(confirmed, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void ThrowIfFailed(OutboxDispatcher dispatcher)
    {
        if (dispatcher.Failed.IsFaulted)
        {
            dispatcher.Failed.GetAwaiter().GetResult();
        }
    }
}
