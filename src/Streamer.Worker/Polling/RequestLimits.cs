using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Polling;

/// <summary>
/// The request rate limits of the instance, one token bucket per account (<c>Polling:MaxRequestsPerSecond</c>) and
/// one per API host shared by all the accounts on it (<c>Polling:MaxRequestsPerSecondPerHost</c>), chained: a request
/// takes a token of its account, then one of its host. Partitioned limiters: one timer replenishes every bucket, and
/// the bucket of an account idle for a while (full, nothing queued) is dropped and made again when needed.
/// </summary>
internal sealed class RequestLimits : IDisposable
{
    private readonly PartitionedRateLimiter<NxlinkAccount> perAccount;
    private readonly PartitionedRateLimiter<NxlinkAccount> perHost;
    private readonly PartitionedRateLimiter<NxlinkAccount> chained;

    /// <summary>Creates the limits of <paramref name="options"/>.</summary>
    public RequestLimits(IOptions<PollingOptions> options)
        : this(options.Value)
    {
    }

    /// <summary>Creates the limits of <paramref name="options"/>.</summary>
    internal RequestLimits(PollingOptions options)
    {
        var account = TokenBucket(options.MaxRequestsPerSecond, queueLimit: 1_000);
        var host = TokenBucket(options.MaxRequestsPerSecondPerHost, queueLimit: 100_000);
        perAccount = PartitionedRateLimiter.Create<NxlinkAccount, string>(
            a => RateLimitPartition.GetTokenBucketLimiter(a.Name, _ => account), StringComparer.Ordinal);
        perHost = PartitionedRateLimiter.Create<NxlinkAccount, string>(
            a => RateLimitPartition.GetTokenBucketLimiter(HostOf(a), _ => host), StringComparer.Ordinal);
        chained = PartitionedRateLimiter.CreateChained(perAccount, perHost);
    }

    /// <summary>Waits for a token of <paramref name="account"/> and one of its host (a lease that is not acquired when a queue is full).</summary>
    public ValueTask<RateLimitLease> AcquireAsync(NxlinkAccount account, CancellationToken cancellationToken) =>
        chained.AcquireAsync(account, 1, cancellationToken);

    /// <summary>Takes a token of <paramref name="account"/> and one of its host if both are there now, without waiting.</summary>
    public RateLimitLease AttemptAcquire(NxlinkAccount account) => chained.AttemptAcquire(account);

    /// <summary>What the host limit is shared by: the scheme, host and port of the account's API, the key of its connection pool.</summary>
    public static string HostOf(NxlinkAccount account) => account.BaseUrl.GetLeftPart(UriPartial.Authority).ToLowerInvariant();

    /// <summary>
    /// A token bucket of <paramref name="perSecond"/>: as many tokens as a second's worth, a tenth of them every tenth of
    /// a second (or one token every 1/<paramref name="perSecond"/> s below 10 per second), the oldest waiter first.
    /// </summary>
    public static TokenBucketRateLimiterOptions TokenBucket(double perSecond, int queueLimit)
    {
        var tokensPerPeriod = Math.Max(1, (int)Math.Ceiling(perSecond / 10));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, (int)Math.Ceiling(perSecond)),
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / perSecond),
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        chained.Dispose();
        perAccount.Dispose();
        perHost.Dispose();
    }
}
