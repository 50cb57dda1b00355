using Microsoft.Extensions.Options;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Polling.Scheduling;

/// <summary>Makes the one <see cref="PollScheduler"/> of a polling run from the polling settings.</summary>
internal sealed class PollSchedulerFactory(IOptions<PollingOptions> polling, TimeProvider time, StreamerMetrics metrics, ILogger<PollScheduler> logger)
{
    public PollScheduler Create() => new(polling.Value, time, metrics, logger);
}
