using Streamer.Worker.Configuration;

namespace Streamer.Worker;

/// <summary>Every log line of the worker. Ids and counts only: never secrets, contents or phone numbers.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Account {Account}: streaming from {From:o} ({Mode}).")]
    public static partial void Starting(ILogger logger, string account, DateTimeOffset from, string mode);

    [LoggerMessage(2, LogLevel.Error, "Account {Account}: {Message} Next attempt in {Delay}.")]
    public static partial void ConfigurationError(ILogger logger, string account, string message, TimeSpan delay);

    [LoggerMessage(3, LogLevel.Warning, "Account {Account}: poll failed ({Error}); next attempt in {Delay}.")]
    public static partial void PollFailed(ILogger logger, string account, string error, TimeSpan delay, Exception exception);

    [LoggerMessage(4, LogLevel.Debug, "Account {Account}: {Lost} record(s) left slice {From:o}..{To:o} while it was paged; read {Pages} page(s) again.")]
    public static partial void SliceDrift(ILogger logger, string account, DateTimeOffset from, DateTimeOffset to, long lost, int pages);

    [LoggerMessage(6, LogLevel.Warning, "Account {Account}: record {RecordId} skipped: {Reason}.")]
    public static partial void RecordRejected(ILogger logger, string account, string recordId, string reason);

    [LoggerMessage(7, LogLevel.Information, "Account {Account}: record {RecordId} went back in status ({Count} step(s)); not emitted.")]
    public static partial void BackwardStatus(ILogger logger, string account, string recordId, int count);

    [LoggerMessage(8, LogLevel.Debug, "Account {Account}: window {From:o}..{To:o}: {Records} records, {Events} events in {Elapsed}.")]
    public static partial void WindowDone(ILogger logger, string account, DateTimeOffset from, DateTimeOffset to, int records, int events, TimeSpan elapsed);

    [LoggerMessage(9, LogLevel.Information, "Account {Account}: pruned {Count} records last updated before {Before:o}.")]
    public static partial void Pruned(ILogger logger, string account, int count, DateTimeOffset before);

    [LoggerMessage(10, LogLevel.Information, "Declared durable queue {Queue} bound to {Exchanges} event exchanges.")]
    public static partial void QueueDeclared(ILogger logger, string queue, int exchanges);

    [LoggerMessage(11, LogLevel.Information, "Account {Account}: initial snapshot complete up to {To:o}; streaming live changes.")]
    public static partial void SnapshotDone(ILogger logger, string account, DateTimeOffset to);

    [LoggerMessage(12, LogLevel.Warning, "Could not declare subscriber queues yet ({Error}); retrying in {Delay}.")]
    public static partial void QueueDeclareFailed(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(13, LogLevel.Warning, "Account {Account}: API call failed ({Error}); retry {Attempt} in {Delay}.")]
    public static partial void ApiRetry(ILogger logger, string account, string error, int attempt, TimeSpan delay);

    [LoggerMessage(20, LogLevel.Information, "Media archiving into {Path}, {Concurrency} downloads at once.")]
    public static partial void MediaArchiving(ILogger logger, string path, int concurrency);

    [LoggerMessage(21, LogLevel.Debug, "Account {Account}: media of record {RecordId} archived ({Size} bytes, {Attempts} attempt(s)).")]
    public static partial void MediaArchived(ILogger logger, string account, string recordId, long size, int attempts);

    [LoggerMessage(22, LogLevel.Warning, "Account {Account}: media of record {RecordId} not archived: {Reason} ({Detail}).")]
    public static partial void MediaArchiveFailed(ILogger logger, string account, string recordId, Contracts.MediaArchiveFailure reason, string detail);

    [LoggerMessage(23, LogLevel.Information, "Account {Account}: media of record {RecordId}: {Error}; attempt {Attempt} failed, next in {Delay}.")]
    public static partial void MediaRetry(ILogger logger, string account, string recordId, string error, int attempt, TimeSpan delay);

    [LoggerMessage(24, LogLevel.Warning, "Account {Account}: media of record {RecordId} deferred ({Error}); next in {Delay}.")]
    public static partial void MediaJobDeferred(ILogger logger, string account, string recordId, string error, TimeSpan delay, Exception exception);

    [LoggerMessage(25, LogLevel.Warning, "The media queue could not be read or written ({Error}); looking again shortly.")]
    public static partial void MediaQueueUnreadable(ILogger logger, string error, Exception exception);

    [LoggerMessage(100, LogLevel.Information, "Health and metrics on {Urls}: /healthz/live, /healthz/ready, /metrics.")]
    public static partial void HealthListening(ILogger logger, string urls);

    [LoggerMessage(70, LogLevel.Warning, "Outbox relay: publishing failed ({Error}) with {Rows} event(s) waiting; trying again in {Delay}.")]
    public static partial void OutboxRelayFailed(ILogger logger, string error, long rows, TimeSpan delay);

    [LoggerMessage(71, LogLevel.Information, "Outbox relay: more than the feed holds was committed ({Rows} event(s) waiting); reading them from the store.")]
    public static partial void OutboxFeedOverflowed(ILogger logger, long rows);

    [LoggerMessage(74, LogLevel.Information, "Outbox relay: this instance took accounts over; reading what their previous owner left unpublished from the store ({Rows} event(s) waiting in all).")]
    public static partial void OutboxCatchingUpTakenAccounts(ILogger logger, long rows);

    [LoggerMessage(72, LogLevel.Warning, "Account {Account}: polling paused, the outbox is full ({Rows} event(s), {Bytes} bytes; limits {MaxRows} and {MaxBytes}). It resumes once the broker takes them.")]
    public static partial void OutboxFull(ILogger logger, string account, long rows, long bytes, long maxRows, long maxBytes);

    [LoggerMessage(73, LogLevel.Information, "Account {Account}: polling resumed after {Paused}: the outbox has room again.")]
    public static partial void OutboxRoom(ILogger logger, string account, TimeSpan paused);
    [LoggerMessage(40, LogLevel.Information, "State file {Path}: applied schema migration {Version} ({Description}).")]
    public static partial void StateMigrated(ILogger logger, string path, int version, string description);

    [LoggerMessage(41, LogLevel.Information, "State file {Path} open and locked at schema version {Version}.")]
    public static partial void StateOpened(ILogger logger, string path, int version);

    [LoggerMessage(90, LogLevel.Warning, "Account {Account}: a {Horizon} pass took {Elapsed} and {Requests} requests, longer than the poll interval {Interval}; a state that lasts less than a pass can go unseen.")]
    public static partial void PassSlow(ILogger logger, string account, string horizon, TimeSpan elapsed, int requests, TimeSpan interval);

    [LoggerMessage(91, LogLevel.Information, "Account {Account}: a {Horizon} pass took {Elapsed}, within the poll interval {Interval} again.")]
    public static partial void PassFitsAgain(ILogger logger, string account, string horizon, TimeSpan elapsed, TimeSpan interval);

    [LoggerMessage(130, LogLevel.Warning, "Account {Account}: the API at {Host} is reached over plain http (AllowInsecureTransport): the access key, the signed requests and every record cross the network unencrypted.")]
    public static partial void InsecureAccountTransport(ILogger logger, string account, string host);

    [LoggerMessage(131, LogLevel.Warning, "The broker at {Host} is reached over plain amqp (Rabbit:AllowInsecureTransport): its credentials and every event cross the network unencrypted.")]
    public static partial void InsecureBrokerTransport(ILogger logger, string host);

    [LoggerMessage(110, LogLevel.Warning, "Account {Account}: media of record {RecordId} from {Host} refused by the {Rule} rule: {Reason}.")]
    public static partial void MediaRefused(ILogger logger, string account, string recordId, string host, string rule, string reason);

    [LoggerMessage(111, LogLevel.Warning, "Media downloads paused: the disk is full ({Error}). Trying again in {Delay}; no download attempt is counted meanwhile.")]
    public static partial void MediaDiskFull(ILogger logger, string error, TimeSpan delay);

    [LoggerMessage(112, LogLevel.Information, "Media disk still full; trying again in {Delay}.")]
    public static partial void MediaDiskStillFull(ILogger logger, TimeSpan delay);

    [LoggerMessage(113, LogLevel.Information, "Media downloads resumed after a pause of {Paused} for disk space.")]
    public static partial void MediaDiskRoom(ILogger logger, TimeSpan paused);

    [LoggerMessage(120, LogLevel.Warning, "Account {Account}: the API's total {Total} for {From:o}..{To:o} cannot be true (negative, or over {MaxPages} pages); pages are read until a short one.")]
    public static partial void TotalNotBelieved(ILogger logger, string account, long total, DateTimeOffset from, DateTimeOffset to, int maxPages);

    [LoggerMessage(121, LogLevel.Warning, "Account {Account}: second {Second:o} still had full pages after {Pages} pages (Polling:MaxPagesPerSecondSlice); the rest of that second is not read.")]
    public static partial void SecondCapped(ILogger logger, string account, DateTimeOffset second, long pages);

    [LoggerMessage(122, LogLevel.Warning, "Account {Account}: the saved cursor (position, re-scan runs or snapshot cut-off) reaches {Saved:o}, ahead of the clock ({Now:o}); clamped to now. The clock jumped, now or when it was saved.")]
    public static partial void CursorClamped(ILogger logger, string account, DateTimeOffset saved, DateTimeOffset now);

    [LoggerMessage(101, LogLevel.Information, "Account {Account}: the API's start_time/end_time filter on {FilterOn} ({Evidence}); the re-scans of that filter apply.")]
    public static partial void FilterLearned(ILogger logger, string account, TimeFilter filterOn, string evidence);

    [LoggerMessage(102, LogLevel.Warning, "Account {Account}: a probe disagrees with updated_at ({Evidence}); back to CreatedAt, every re-scan runs again now.")]
    public static partial void FilterDisagreed(ILogger logger, string account, string evidence);

    [LoggerMessage(103, LogLevel.Debug, "Account {Account}: probe of the API's time filter inconclusive ({UpdatedAt} found at updated_at, {Unclear} unclear); staying on {FilterOn}, trying again later.")]
    public static partial void FilterInconclusive(ILogger logger, string account, int updatedAt, int unclear, TimeFilter filterOn);

    [LoggerMessage(140, LogLevel.Information, "Polling {Accounts} account(s) from one scheduler: at most {MaxConcurrent} at once, {Reserved} of them kept for accounts whose polls are quick; first polls spread over the interval.")]
    public static partial void SchedulerStarted(ILogger logger, int accounts, int maxConcurrent, int reserved);

    [LoggerMessage(141, LogLevel.Warning, "Polls start late: one was given its slot {Lag} after it was due, more than its interval {Interval}; {Running} poll(s) running (Polling:MaxConcurrentAccounts {Max}), {Waiting} account(s) due and waiting. Slow polls (a busy API, the outbox full) or too few slots; see docs/polling.md.")]
    public static partial void SchedulerBehind(ILogger logger, TimeSpan lag, TimeSpan interval, int running, int waiting, int max);

    [LoggerMessage(142, LogLevel.Information, "Polls start on time again, after {Behind} behind.")]
    public static partial void SchedulerCaughtUp(ILogger logger, TimeSpan behind);

    [LoggerMessage(143, LogLevel.Error, "Account {Account}: its poll ended unexpectedly ({Error}); polling it again at its next interval.")]
    public static partial void ScheduleFault(ILogger logger, string account, string error, Exception exception);

    [LoggerMessage(150, LogLevel.Critical, "The MassTransit bus could not be built ({Error}); stopping.")]
    public static partial void BusNotBuilt(ILogger logger, string error);

    [LoggerMessage(151, LogLevel.Error, "The MassTransit bus did not start ({Error}); events wait in the outbox.")]
    public static partial void BusStartFailed(ILogger logger, string error);

    [LoggerMessage(152, LogLevel.Error, "OpenTelemetry could not start ({Error}); the worker runs without metrics and traces.")]
    public static partial void TelemetryNotStarted(ILogger logger, string error);

    [LoggerMessage(190, LogLevel.Warning, "Queue {Queue} already exists with other arguments than Rabbit:DeclareQueues gives ({Reason}); it is kept as it is and bound to the event exchanges. Delete it (or fix the setting) for the configured ones to apply.")]
    public static partial void QueueArgumentsDiffer(ILogger logger, string queue, string reason);

    [LoggerMessage(191, LogLevel.Information, "Declared {Type} queue {Queue} ({Arguments}) bound to {Exchanges} event exchanges.")]
    public static partial void QueueDeclaredWithArguments(ILogger logger, string type, string queue, string arguments, int exchanges);

    [LoggerMessage(200, LogLevel.Information, "OpenTelemetry: traces, metrics and logs exported over OTLP to {Endpoint} ({Protocol}) as service {ServiceName}.")]
    public static partial void OtlpExporting(ILogger logger, string endpoint, string protocol, string serviceName);

    [LoggerMessage(160, LogLevel.Information, "State database {Database}: applied schema migration {Version} ({Description}).")]
    public static partial void PostgresStateMigrated(ILogger logger, string database, int version, string description);

    [LoggerMessage(161, LogLevel.Information, "State database {Database} (PostgreSQL) open at schema version {Version}.")]
    public static partial void PostgresStateOpened(ILogger logger, string database, int version);

    [LoggerMessage(162, LogLevel.Warning, "State database {Database} does not answer ({Error}); trying again in {Delay} (the start waits up to {StartupWait}).")]
    public static partial void PostgresStateUnreachable(ILogger logger, string database, string error, TimeSpan delay, TimeSpan startupWait);

    [LoggerMessage(170, LogLevel.Information, "Account {Account}: polling starts on this instance (fencing token {Token}).")]
    public static partial void AccountStarted(ILogger logger, string account, long? token);

    [LoggerMessage(171, LogLevel.Information, "Account {Account}: polling stopped on this instance: {Reason}.")]
    public static partial void AccountStopped(ILogger logger, string account, string reason);

    [LoggerMessage(172, LogLevel.Error, "Account {Account}: a state write was refused: this instance no longer holds its lease with fencing token {Token} (it was paused or cut off longer than the lease, and another instance took the account over). Nothing of it was written; the account stops here.")]
    public static partial void FencedWriteRefused(ILogger logger, string account, long token);

    [LoggerMessage(173, LogLevel.Warning, "Account {Account}: its lease (fencing token {Token}) is no longer held here: {Reason}; polling it stops on this instance.")]
    public static partial void LeaseLost(ILogger logger, string account, long token, string reason);

    [LoggerMessage(174, LogLevel.Error, "The renewal of {Count} lease(s) failed ({Error}); their accounts stop on this instance and are claimed again once the lease store answers.")]
    public static partial void LeaseRenewalFailed(ILogger logger, int count, string error);

    [LoggerMessage(175, LogLevel.Information, "Claimed {Acquired} of {Wanted} free account(s) (fair share {Share} with {Instances} live instance(s)).")]
    public static partial void LeasesClaimed(ILogger logger, int acquired, int wanted, int share, int instances);

    [LoggerMessage(176, LogLevel.Information, "Released {Count} lease(s) and withdrew from the cluster; the other instances take the accounts over at their next cycle.")]
    public static partial void LeasesReleased(ILogger logger, int count);

    [LoggerMessage(177, LogLevel.Warning, "Could not release {Count} lease(s) on stopping ({Error}); the other instances take the accounts over once the leases lapse.")]
    public static partial void LeasesNotReleased(ILogger logger, int count, string error);

    [LoggerMessage(178, LogLevel.Error, "A lease cycle failed ({Error}); the next one starts afresh.")]
    public static partial void CoordinatorCycleFailed(ILogger logger, string error, Exception exception);

    [LoggerMessage(179, LogLevel.Information, "Cluster instance {Instance}: leases renewed every {RenewEvery}, lasting {LeaseDuration}.")]
    public static partial void CoordinatorStarted(ILogger logger, string instance, TimeSpan renewEvery, TimeSpan leaseDuration);

    [LoggerMessage(180, LogLevel.Error, "Account {Account} of the accounts table is not streamed: {Reason}.")]
    public static partial void StoredAccountSkipped(ILogger logger, string account, string reason);
}
