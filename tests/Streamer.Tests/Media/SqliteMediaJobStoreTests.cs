using Streamer.Tests.State;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;

namespace Streamer.Tests.Media;

/// <summary>The SQLite media queue against the media job store contract.</summary>
public sealed class SqliteMediaJobStoreTests : MediaJobStoreConformanceTests
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
