using Streamer.Contracts;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// The simulator's hostile media links, one case per run (see <see cref="HostileScenario"/>): the worker
/// reaches the simulator as <c>localhost</c>, the only host it may fetch media from, and the hostile links
/// point at other loopback names, a link-local address, or serve something else than they claim.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class HostileMediaTests(RabbitMqBroker broker, ITestOutputHelper output) : IDisposable
{
    private readonly HostileScenario hostile = new(broker, output.WriteLine);
    private readonly string mediaDirectory = Path.Combine(Path.GetTempPath(), $"streamer-hostile-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(mediaDirectory))
        {
            Directory.Delete(mediaDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData(HostileCases.MediaLoopback, MediaArchiveFailure.Denied)]
    [InlineData(HostileCases.MediaLinkLocal, MediaArchiveFailure.Denied)]
    [InlineData(HostileCases.MediaRedirect, MediaArchiveFailure.Denied)]
    [InlineData(HostileCases.SvgAsPng, MediaArchiveFailure.ContentTypeNotAllowed)]
    public async Task Archive_HostileMediaLink_RefusedWithItsReasonTargetNeverContacted(string hostileCase, MediaArchiveFailure reason)
    {
        var run = await hostile.RunAsync(71, s => HostileScenario.AddAsync(s, hostileCase, 2), MediaSettings, media: true);

        HostileScenario.AssertHealthy(run);
        Assert.Equal(0, run.Stats.TargetHits);
        Assert.All(run.Added.SelectMany(a => a.Media), id =>
        {
            var failed = Assert.IsType<ChatMediaArchiveFailed>(run.MediaOutcomeOf(id));
            Assert.Equal(reason, failed.Reason);
        });
    }

    [Fact]
    public async Task Archive_LinkWithAmzExpiresAndNoExpires_Downloaded()
    {
        var run = await hostile.RunAsync(73, s => HostileScenario.AddAsync(s, HostileCases.AmzExpires, 2), MediaSettings, media: true);

        HostileScenario.AssertHealthy(run);
        Assert.All(run.Added.SelectMany(a => a.Media), id => Assert.IsType<ChatMediaArchived>(run.MediaOutcomeOf(id)));
    }

    private Dictionary<string, string> MediaSettings => new()
    {
        ["MediaArchive__Enabled"] = "true",
        ["MediaArchive__Path"] = mediaDirectory,

        // Only the simulator's own name is allowed; its hostile links point at other loopback names.
        ["MediaArchive__AllowedHosts__0"] = "localhost",
        ["MediaArchive__AllowInsecureTransport"] = "true",
        ["MediaArchive__QuickRetries"] = "1",
        ["MediaArchive__RetryDelay"] = "00:00:00.200",
        ["MediaArchive__PollInterval"] = "00:00:00.200",
    };
}
