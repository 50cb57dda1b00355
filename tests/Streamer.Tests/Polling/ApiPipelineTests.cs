using Microsoft.Extensions.Logging.Abstractions;
using Streamer.Nxlink;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Polling;

/// <summary>The retries of the API pipeline: how many attempts a transient failure gets, and how long they wait.</summary>
public sealed class ApiPipelineTests : IDisposable
{
    private static readonly NxlinkAccount Account = new("sales", new Uri("https://api-hk.nxlink.ai"), "tenant", "app", "access", "secret", TimeZoneInfo.Utc);

    private readonly TestMeterFactory meters = new();

    public void Dispose() => meters.Dispose();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    public async Task ExecuteAsync_TransientFailureEveryTime_OneAttemptPlusMaxRetries(int maxRetries, int attempts)
    {
        var options = new PollingOptions { MaxRetries = maxRetries, RetryDelay = TimeSpan.Zero };
        var pipeline = ApiPipeline.Build(Account, options, TimeProvider.System, new StreamerMetrics(meters), NullLogger.Instance);
        var calls = 0;

        await Assert.ThrowsAsync<NxlinkTransientException>(() => pipeline.ExecuteAsync(_ =>
        {
            Interlocked.Increment(ref calls);
            throw new NxlinkTransientException("HTTP 503", httpStatus: 503);
        }).AsTask());

        Assert.Equal(attempts, calls);
    }

    [Theory]
    [InlineData("00:00:00", "00:00:30")]
    [InlineData("00:00:00.500", "00:00:30")]
    [InlineData("00:00:30", "00:00:30")]
    [InlineData("00:02:00", "00:02:00")]
    [InlineData("00:10:00", "00:10:00")]
    public void MaxRetryDelay_RetryDelay_LargerOf30SecondsAndIt(string retryDelay, string expected)
    {
        var options = new PollingOptions { RetryDelay = TimeSpan.Parse(retryDelay, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ApiPipeline.MaxRetryDelay(options));
    }
}
