using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Streamer.Tests.State;
using Streamer.Worker.Media;
using Streamer.Worker.State;

namespace Streamer.Tests.Media;

/// <summary>Message data on disk (archived media, downloads in progress, the state file) is readable by the worker's user only.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class FileModeTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string root = Path.Combine(Path.GetTempPath(), $"streamer-mode-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [UnixFact]
    public async Task Put_NewContent_FoldersAndFileOwnerOnly()
    {
        var store = new FileSystemContentStore(Options.Create(new MediaArchiveOptions { Path = Path.Combine(root, "media") }));
        var bytes = RandomNumberGenerator.GetBytes(100);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var path = new Uri(await store.PutAsync(sha, new MemoryStream(bytes), bytes.Length, "image/png", CancellationToken.None)).LocalPath;

        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(path));
        for (var folder = Path.GetDirectoryName(path)!; folder != root; folder = Path.GetDirectoryName(folder)!)
        {
            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(folder));
        }
    }

    [UnixFact]
    public async Task Download_IncomingFolderAndFile_OwnerOnly()
    {
        using var metrics = new MetricsRecorder();
        var handler = new StubHandler(() => MediaBodies.Ok(MediaBodies.Jpeg(1, 2, 3), "image/jpeg"));
        var downloader = new MediaDownloader(new HttpClient(handler), Options.Create(new MediaArchiveOptions { Path = root }), new FakeTimeProvider(), metrics.Metrics, NullLogger<MediaDownloader>.Instance);

        using var media = await downloader.DownloadAsync(MediaBodies.Job(), CancellationToken.None);

        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(media.Path));
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(downloader.IncomingFolder));
    }

    [UnixFact]
    public async Task InitializeAsync_NewStateFile_FileWalShmAndFolderOwnerOnly()
    {
        var path = Path.Combine(root, "state", "state.db");
        await using var database = new SqliteStateDatabase(Options.Create(new StateOptions { Path = path }), SqliteStateFile.Migrations, TimeProvider.System, NullLogger<SqliteStateDatabase>.Instance);

        await database.InitializeAsync(CancellationToken.None);

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.All(new[] { path, path + "-wal", path + "-shm", path + ".lock" }, file => Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(file)));
    }

    [UnixFact]
    public async Task InitializeAsync_ExistingStateFile_ModeLeftAsItIs()
    {
        var path = Path.Combine(root, "state.db");
        Directory.CreateDirectory(root);
        await File.WriteAllBytesAsync(path, []);
        var shared = OwnerOnlyFile | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, shared);
        await using var database = new SqliteStateDatabase(Options.Create(new StateOptions { Path = path }), SqliteStateFile.Migrations, TimeProvider.System, NullLogger<SqliteStateDatabase>.Instance);

        await database.InitializeAsync(CancellationToken.None);

        Assert.Equal(shared, File.GetUnixFileMode(path));
    }
}
