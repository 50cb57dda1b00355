using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

/// <summary>The PostgreSQL backend against the Outbox store contract, on a database of each test's own.</summary>
public sealed class PostgresOutboxStoreConformanceTests : OutboxStoreConformanceTests
{
    private readonly PostgresStateDb db = new();
    protected override Task<(IStateStore State, IMediaJobStore MediaJobs, IOutboxStore Outbox)> OpenAsync() => db.OpenStoresAsync();

    protected override Task CloseAsync() => db.CloseAsync();

    protected override Task DeleteAsync() => db.DisposeAsync().AsTask();
}
