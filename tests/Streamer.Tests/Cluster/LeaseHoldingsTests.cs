using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;

namespace Streamer.Tests.Cluster;

/// <summary>Each holding's token (<see cref="AccountAssignment.Held"/>) ends with the holding, before the loss is logged.</summary>
public sealed class LeaseHoldingsTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(6);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
    private readonly List<bool> cancelledWhenLogged = [];
    private CancellationToken watched;

    [Fact]
    public void Drop_HeldAccount_ItsTokenCancelledBeforeTheLossIsLoggedTheOthersKeepTheirs()
    {
        var holdings = Holding("a", "b");
        var held = holdings.Assignment().ToDictionary(x => x.Name, x => x.Held);
        watched = held["a"];

        holdings.Drop("a", "taken over");

        Assert.Equal([true], cancelledWhenLogged);
        Assert.False(held["b"].IsCancellationRequested);
        Assert.Equal(held["b"], Assert.Single(holdings.Assignment()).Held);
    }

    [Fact]
    public void DropExpired_NotRenewedWithinTheLease_EveryTokenCancelledBeforeItsLossIsLogged()
    {
        var holdings = Holding("a");
        watched = Assert.Single(holdings.Assignment()).Held;

        time.Advance(Duration);
        holdings.DropExpired();

        Assert.Equal([true], cancelledWhenLogged);
        Assert.Empty(holdings.Assignment());
    }

    [Fact]
    public void Drop_ThePollsCancellationThrows_TheHoldingStillEndsAndIsLogged()
    {
        var holdings = Holding("a");
        watched = Assert.Single(holdings.Assignment()).Held;
        using var failing = watched.Register(() => throw new InvalidOperationException("the poll's registration failed"));

        holdings.Drop("a", "taken over");

        Assert.Equal([true], cancelledWhenLogged);
        Assert.Empty(holdings.Assignment());
    }

    [Fact]
    public void Clear_Released_EveryTokenCancelledNothingLogged()
    {
        var holdings = Holding("a", "b");
        var held = holdings.Assignment().Select(x => x.Held).ToList();

        holdings.Clear();

        Assert.All(held, h => Assert.True(h.IsCancellationRequested));
        Assert.Empty(cancelledWhenLogged);
    }

    private LeaseHoldings Holding(params string[] accounts)
    {
        var holdings = new LeaseHoldings(time, Duration, new WatchingLogger(this));
        foreach (var (account, token) in accounts.Select((a, i) => (a, i + 1L)))
        {
            holdings.Hold(new Lease(account, "i1", token, time.GetUtcNow() + Duration), new AccountOptions { Name = account }, time.GetTimestamp());
        }

        return holdings;
    }

    // Notes, at each log line, whether the watched holding's token was cancelled by then.
    private sealed class WatchingLogger(LeaseHoldingsTests test) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            test.cancelledWhenLogged.Add(test.watched.IsCancellationRequested);
    }
}
