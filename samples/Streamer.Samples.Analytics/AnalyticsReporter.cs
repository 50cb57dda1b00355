using Microsoft.Extensions.Options;

namespace Streamer.Samples.Analytics;

/// <summary>Logs the counts every <see cref="AnalyticsOptions.ReportInterval"/>, and once more on shutdown.</summary>
public sealed class AnalyticsReporter(EventCounters counters, IOptions<AnalyticsOptions> options, TimeProvider time, ILogger<AnalyticsReporter> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReportInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Log.Counts(logger, counters.Snapshot());
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Log.Counts(logger, counters.Snapshot());
        }
    }
}
