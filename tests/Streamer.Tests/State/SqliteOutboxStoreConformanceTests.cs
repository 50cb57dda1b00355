using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

/// <summary>The SQLite backend against the outbox store contract.</summary>
public sealed class SqliteOutboxStoreConformanceTests : OutboxStoreConformanceTests
{
    private readonly SqliteStateFile file = new();

    protected override async Task<(IStateStore State, IMediaJobStore MediaJobs, IOutboxStore Outbox)> OpenAsync()
    {
        await file.OpenAsync();
        return (file.State, file.MediaJobs, file.Outbox);
    }

    protected override Task CloseAsync() => file.CloseAsync();

    protected override Task DeleteAsync() => file.DisposeAsync().AsTask();
}
