using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

/// <summary>The PostgreSQL backend against the State store contract, on a database of each test's own.</summary>
public sealed class PostgresStateStoreConformanceTests : StateStoreConformanceTests
{
    private readonly PostgresStateDb db = new();
    private bool created;

    protected override async Task<(IStateStore State, IMediaJobStore MediaJobs, IOutboxStore Outbox)> OpenAsync()
    {
        if (!created)
        {
            await db.CreateAsync();
            created = true;
        }

        await db.OpenAsync();
        return (db.State, db.MediaJobs, db.Outbox);
    }

    protected override Task CloseAsync() => db.CloseAsync();

    protected override Task DeleteAsync() => db.DisposeAsync().AsTask();
}
