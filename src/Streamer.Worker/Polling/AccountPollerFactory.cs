using Microsoft.Extensions.Options;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;

namespace Streamer.Worker.Polling;

/// <summary>Builds the <see cref="AccountPoller"/> of a configured account with its parts.</summary>
internal sealed class AccountPollerFactory(
    IOptions<PollingOptions> polling,
    AccountApiFactory apis,
    PollerStateFactory states,
    AccountHealth health,
    TimeProvider time,
    StreamerMetrics metrics,
    ILoggerFactory loggers)
{
    /// <summary>The poller of <paramref name="assignment"/>: its state writes carry the assignment's fence, if any.</summary>
    public AccountPoller Create(AccountAssignment assignment)
    {
        var options = assignment.Account;
        var store = states.Store(assignment.Fence);
        var logger = loggers.CreateLogger($"Streamer.Worker.Account.{options.Name}");
        var account = ApiPipeline.Account(options);
        var api = apis.Create(account, logger);
        var cursors = states.Cursors(account, store, api.Filter, logger);
        var interval = options.PollInterval ?? polling.Value.Interval;
        var passes = new PassMeter(account.Name, interval, time, metrics, logger);
        var window = new WindowStreamer(account, polling.Value, api.Reader, states.Pipeline(account, store, logger), cursors, passes, health);
        var schedule = new PollSchedule(account.Name, interval, polling.Value, time, metrics, health, logger);
        var upkeep = new PollUpkeep(api.Filter, cursors, states.Pruner(account, store, logger));
        return new AccountPoller(account, schedule, cursors, window, upkeep, time, logger) { Held = assignment.Held };
    }
}
