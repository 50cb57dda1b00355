using System.Globalization;
using System.Net;
using Streamer.Testing;

namespace Streamer.IntegrationTests.Cli;

/// <summary>The <c>streamer</c> executable's command line, as a process.</summary>
[Collection(ThirdBrokerCollection.Name)]
public sealed class CommandLineTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("streamer-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Streamer_MistypedCommand_ExitsTwoWithSuggestionInsteadOfStarting()
    {
        await using var worker = new WorkerProcess(new Dictionary<string, string>(), ["stat"]);
        worker.Start();

        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(60)), string.Join('\n', worker.Output));
        Assert.Equal(2, worker.ExitCode);
        Assert.Contains("streamer: 'stat' is not a command; did you mean 'state'?", worker.Output);
    }

    [Fact]
    public async Task Streamer_SettingsAsArguments_StartsWithThem()
    {
        // Nothing answers at these addresses: the worker starts, polls in vain and serves liveness on the port given.
        var port = FreePort.Next();
        var closed = FreePort.Next();
        string[] settings =
        [
            $"--Health:Port={port}",
            "--State:Path", Path.Combine(directory, "state.db"),
            $"--Rabbit:Uri=amqp://guest:guest@127.0.0.1:{closed}/",
            "--Accounts:0:Name=cli",
            $"--Accounts:0:BaseUrl=http://127.0.0.1:{closed}/",
            "--Accounts:0:TenantId=1",
            "--Accounts:0:AppKey=k",
            "--Accounts:0:AccessKey=a",
            "--Accounts:0:AccessSecret=s",
            "Accounts:0:TimeZone=Asia/Shanghai",
        ];
        await using var worker = new WorkerProcess(new Dictionary<string, string>(), settings);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), Timeout = TimeSpan.FromSeconds(5) };

        worker.Start();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpStatusCode? live = null;
        while (live != HttpStatusCode.OK && worker.IsRunning && DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/healthz/live");
                live = response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
        }

        Assert.True(live == HttpStatusCode.OK, string.Join('\n', worker.Output));
        Assert.True(File.Exists(Path.Combine(directory, "state.db")));
        Assert.DoesNotContain(worker.Output, l => l.Contains("is not a command", StringComparison.Ordinal));
    }
}
