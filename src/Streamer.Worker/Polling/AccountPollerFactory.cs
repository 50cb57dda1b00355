using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;

namespace Streamer.Worker.Polling;

/// <summary>Builds the <see cref="AccountPoller"/> of a configured account with its parts.</summary>
internal sealed class AccountPollerFactory(
    IOptions<PollingOptions> polling,
    NxlinkClient client,
    RequestLimits limits,
    PollerStateFactory states,
    AccountHealth health,
    TimeProvider time,
    StreamerMetrics metrics,
    ILoggerFactory loggers)
{
    /// <summary>The poller of <paramref name="options"/>.</summary>
    public AccountPoller Create(AccountOptions options)
    {
        var logger = loggers.CreateLogger($"Streamer.Worker.Account.{options.Name}");
        var account = ApiPipeline.Account(options);
        var reader = new SliceReader(client, ApiPipeline.Build(account, polling.Value, limits, time, metrics, logger), polling.Value, metrics, logger);
        var cursors = states.Cursors(account, logger);
        var interval = options.PollInterval ?? polling.Value.Interval;
        var passes = new PassMeter(account.Name, interval, polling.Value, time, metrics, logger);
        var window = new WindowStreamer(account, polling.Value, reader, states.Pipeline(account, logger), cursors, passes, health);
        var schedule = new PollSchedule(account.Name, interval, polling.Value, time, metrics, health, logger);
        return new AccountPoller(account, schedule, cursors, window, states.Pruner(account, logger), time, logger);
    }
}
