using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Streamer.Contracts;
using Streamer.Worker.Hosting;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

public sealed class MediaRegistrationTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"streamer-registration-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task AddStreamerMediaArchive_Downloader_ConnectsOnlyThroughTheAddressFilter()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MediaArchive:Path"] = root }).Build();
        var resolver = new FakeResolver(new() { ["media.example.com"] = ["10.0.0.5"] });
        var connector = new RecordingConnector();
        var services = new ServiceCollection().AddLogging().AddMetrics();
        services.AddSingleton<IHostResolver>(resolver).AddSingleton<ISocketConnector>(connector);
        services.AddStreamerMediaArchive(configuration);
        await using var provider = services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => provider.GetRequiredService<MediaDownloader>().DownloadAsync(MediaBodies.Job(), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.Denied, error.Failure);
        Assert.Contains("media.example.com resolves to 10.0.0.5 (private)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["media.example.com"], resolver.Asked);
        Assert.Empty(connector.Connections);
    }
}
