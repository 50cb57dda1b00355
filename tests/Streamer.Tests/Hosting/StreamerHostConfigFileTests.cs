using Streamer.Worker.Hosting;

namespace Streamer.Tests.Hosting;

public sealed class StreamerHostConfigFileTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"streamer-config-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void CreateBuilder_ConfigFile_ReadAfterAppSettingsAndBeforeTheCommandLine()
    {
        File.WriteAllText(path, """
            {
              "Polling": { "FilterOn": "CreatedAt", "Interval": "00:00:07" },
              "Accounts": [ { "Name": "from-file", "TenantId": "9" } ]
            }
            """);

        var configuration = StreamerHost.CreateBuilder([$"--ConfigFile={path}", "--Polling:Interval=00:00:09"]).Configuration;

        Assert.Equal("from-file", configuration["Accounts:0:Name"]);
        Assert.Equal("9", configuration["Accounts:0:TenantId"]);
        Assert.Equal("CreatedAt", configuration["Polling:FilterOn"]);
        Assert.Equal("00:00:09", configuration["Polling:Interval"]);
    }

    [Fact]
    public void CreateBuilder_ConfigFileMissing_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => StreamerHost.CreateBuilder([$"--ConfigFile={path}"]));
    }
}
