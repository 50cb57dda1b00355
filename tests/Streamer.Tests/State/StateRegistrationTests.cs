using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Streamer.Worker.Hosting;
using Streamer.Worker.Media;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

public sealed class StateRegistrationTests : IAsyncLifetime
{
    private readonly SqliteStateFile file = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await file.DisposeAsync();

    [Fact]
    public async Task AddStreamerState_WithMediaArchive_StoresByInterfaceShareOneDatabaseAndOneCommit()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["State:Path"] = file.Path }).Build();
        var services = new ServiceCollection().AddLogging().AddStreamerState(configuration).AddStreamerMediaArchive(configuration);
        await using var provider = services.BuildServiceProvider();
        var state = provider.GetRequiredService<IStateStore>();
        var jobs = provider.GetRequiredService<IMediaJobStore>();

        await new StateStoreInitializer(provider.GetRequiredService<IStateDatabase>()).StartAsync(CancellationToken.None);
        var job = new MediaJob { Account = "a", TenantId = "1", RecordId = "r1", MessageId = null, ConversationId = null, FileName = null, MimeType = "image/png", Link = "https://media.example.com/r1", LinkExpiresAt = null };
        await state.CommitAsync("a", new StateCommit(new AccountCursor(DateTimeOffset.UnixEpoch, true, new Dictionary<string, DateTimeOffset>())) { MediaJobs = [job] }, CancellationToken.None);

        Assert.IsType<SqliteStateStore>(state);
        Assert.Same(jobs, Assert.Single(provider.GetServices<ISqliteCommitParticipant>()));
        Assert.Equal(job, Assert.Single(await jobs.GetDueAsync(DateTimeOffset.UnixEpoch, 10, CancellationToken.None)).Job);
    }

    [Fact]
    public void CreateBuilder_HostedServices_StateStoreInitializerStartsBeforeTheWorkersOthers()
    {
        var hosted = StreamerHost.CreateBuilder([]).Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList();

        var index = hosted.FindIndex(d => d.ImplementationType == typeof(StateStoreInitializer));

        // OpenTelemetry puts its own (the exporters, which never touch the state) at the front.
        Assert.InRange(index, 0, hosted.Count - 2);
        Assert.All(hosted.Take(index), d => Assert.Equal("OpenTelemetry.Extensions.Hosting", d.ImplementationType?.Assembly.GetName().Name));
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
