using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streamer.Worker.Hosting;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

public sealed class StateRegistrationTests : IAsyncLifetime
{
    private readonly SqliteStateFile file = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await file.DisposeAsync();

    [Fact]
    public async Task AddStreamerState_WithMediaArchiveAndOutbox_StoresByInterfaceShareOneDatabaseAndOneCommit()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["State:Path"] = file.Path }).Build();
        var services = new ServiceCollection().AddLogging().AddStreamerState(configuration).AddStreamerMediaArchive(configuration).AddStreamerOutbox(configuration);
        await using var provider = services.BuildServiceProvider();
        var state = provider.GetRequiredService<IStateStore>();
        var jobs = provider.GetRequiredService<IMediaJobStore>();

        await new StateStoreInitializer(provider.GetRequiredService<IStateDatabase>()).StartAsync(CancellationToken.None);
        var job = new MediaJob { Account = "a", TenantId = "1", RecordId = "r1", MessageId = null, ConversationId = null, FileName = null, MimeType = "image/png", Link = "https://media.example.com/r1", LinkExpiresAt = null };
        var pass = new PassSummary("15m", DateTimeOffset.UnixEpoch.AddSeconds(3), TimeSpan.FromSeconds(2), 4, 9);
        await state.CommitAsync("a", new StateCommit(new AccountCursor(DateTimeOffset.UnixEpoch, true, new Dictionary<string, DateTimeOffset>())) { MediaJobs = [job], Pass = pass }, CancellationToken.None);

        Assert.IsType<SqliteStateStore>(state);
        var participants = provider.GetServices<ISqliteCommitParticipant>().ToList();
        Assert.Equal(4, participants.Count);
        Assert.Contains(participants, p => ReferenceEquals(p, jobs));
        Assert.Contains(participants, p => ReferenceEquals(p, provider.GetRequiredService<IOutboxStore>()));
        Assert.Single(participants.OfType<SqlitePassWriter>());
        Assert.Single(participants.OfType<SqliteFilterWriter>());
        Assert.Equal(job, Assert.Single(await jobs.GetDueAsync(DateTimeOffset.UnixEpoch, 10, CancellationToken.None)).Job);
        Assert.Equal(pass, Assert.Single(Assert.Single(await SqliteStateReader.ReadAsync(file.Path, CancellationToken.None)).Passes));
    }

    [Fact]
    public void CreateBuilder_HostedServices_StateStoreInitializerStartsBeforeTheWorkersOthers()
    {
        var hosted = StreamerHost.CreateBuilder([]).Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();

        var index = hosted.FindIndex(d => d.ImplementationType == typeof(StateStoreInitializer));

        // OpenTelemetry puts its own (the exporters, which never touch the state) at the front; the worker starts
        // them in the background from there (TelemetryStarter).
        Assert.InRange(index, 0, hosted.Count - 2);
        Assert.All(hosted.Take(index), d => Assert.True(
            d.ImplementationType == typeof(TelemetryStarter) || d.ImplementationType?.Assembly.GetName().Name == "OpenTelemetry.Extensions.Hosting",
            $"{d.ImplementationType} starts before the state file."));
    }

    [Fact]
    public async Task CreateBuilder_Migrations_NumberedInOrderUpToTheVersionTheReaderKnows()
    {
        var migrations = StreamerHost.CreateBuilder([]).Services
            .Where(d => d.ServiceType == typeof(SqliteMigration))
            .Select(d => (SqliteMigration)d.ImplementationInstance!);

        await using var database = file.CreateDatabase(migrations);

        Assert.Equal(SqliteStateReader.KnownSchemaVersion, database.SchemaVersion);
    }
}
