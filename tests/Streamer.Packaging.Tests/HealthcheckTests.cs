using System.Diagnostics;
using System.Globalization;
using Streamer.Testing;

namespace Streamer.Packaging.Tests;

/// <summary>
/// Each image's <c>HEALTHCHECK</c> command run here against the real app on a loopback port: unhealthy while
/// nothing answers, healthy once the app serves, with the port taken from the variable the app reads.
/// </summary>
public sealed class HealthcheckTests : IAsyncLifetime
{
    private static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(90);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "streamer-healthcheck-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Healthcheck_WorkerImage_HealthyOnlyWhileTheWorkerServes()
    {
        var app = ImageApp.All.Single(a => a.Dockerfile.EntryAssembly == "streamer.dll");
        var command = app.Dockerfile.HealthcheckCommand!;
        var port = FreePort.Next();
        var closed = FreePort.Next();
        var probe = new Dictionary<string, string> { [app.PortVariable!] = port.ToString(CultureInfo.InvariantCulture) };

        Assert.NotEqual(0, await HealthcheckProbe.RunAsync(command, probe));

        // Liveness answers once the state file is open, before the broker or the API are reached (neither runs here).
        await using var worker = new WorkerProcess(new Dictionary<string, string>
        {
            [app.PortVariable!] = port.ToString(CultureInfo.InvariantCulture),
            ["Health__Address"] = "127.0.0.1",
            ["State__Path"] = Path.Combine(folder, "streamer.db"),
            ["Rabbit__Uri"] = $"amqp://guest:guest@127.0.0.1:{closed}/",
            ["Accounts__0__Name"] = "probe",
            ["Accounts__0__BaseUrl"] = $"http://127.0.0.1:{closed}",
            ["Accounts__0__TenantId"] = "1",
            ["Accounts__0__AppKey"] = "demo-appkey",
            ["Accounts__0__AccessKey"] = "demo-access-key",
            ["Accounts__0__AccessSecret"] = "demo-access-secret",
            ["Accounts__0__TimeZone"] = "Asia/Shanghai",
        });
        worker.Start();

        Assert.True(await HealthcheckProbe.BecomesHealthyAsync(command, probe, StartWithin), string.Join('\n', worker.Output));

        await worker.StopAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, await HealthcheckProbe.RunAsync(command, probe));
    }

    [Fact]
    public async Task Healthcheck_SimulatorImage_HealthyOnlyWhileTheSimulatorServes()
    {
        var app = ImageApp.All.Single(a => a.Dockerfile.EntryAssembly == "Streamer.Simulator.dll");
        var command = app.Dockerfile.HealthcheckCommand!;
        var port = FreePort.Next();
        var probe = new Dictionary<string, string> { [app.PortVariable!] = port.ToString(CultureInfo.InvariantCulture) };

        Assert.NotEqual(0, await HealthcheckProbe.RunAsync(command, probe));

        // On loopback only (the image listens on every interface through the same port variable).
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Streamer.Simulator.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove(ImageApp.AspNetPortVariable);
        using var simulator = Process.Start(start)!;
        simulator.BeginOutputReadLine();
        simulator.BeginErrorReadLine();
        try
        {
            Assert.True(await HealthcheckProbe.BecomesHealthyAsync(command, probe, StartWithin), "the simulator's health check never passed.");
        }
        finally
        {
            simulator.Kill(entireProcessTree: true);
            await simulator.WaitForExitAsync();
        }

        Assert.NotEqual(0, await HealthcheckProbe.RunAsync(command, probe));
    }
}
