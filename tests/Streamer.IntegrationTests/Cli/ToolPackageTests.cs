using System.Diagnostics;
using System.Reflection;
using Streamer.Testing;

namespace Streamer.IntegrationTests.Cli;

/// <summary>
/// <c>dotnet tool install</c> of the worker's package, packed from this build into a local feed, installed into a
/// tool path of its own with that feed as the only source (and a package cache of its own, so no older copy of the
/// same version is reused).
/// </summary>
[Collection(ThirdBrokerCollection.Name)]
public sealed class ToolPackageTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("streamer-tool-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Install_FromLocallyPackedPackage_StreamerCommandAnswers()
    {
        var project = Path.Combine(RepositoryRoot.Find(), "src", "Streamer.Worker");
        var feed = Path.Combine(directory, "feed");
        var tools = Path.Combine(directory, "tools");
        var configuration = typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

        // The worker this test project was built with: packed as it is, not built again.
        var pack = await RunAsync(Dotnet(), ["pack", project, "-c", configuration, "--no-build", "-o", feed, "-nologo"]);
        Assert.True(pack.Exit == 0, pack.Output);
        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        Assert.StartsWith("Streamer.", Path.GetFileName(package), StringComparison.Ordinal);

        var install = await RunAsync(Dotnet(), ["tool", "install", "Streamer", "--tool-path", tools, "--source", feed]);
        Assert.True(install.Exit == 0, install.Output);

        var help = await RunAsync(Path.Combine(tools, "streamer"), ["--help"]);
        Assert.True(help.Exit == 0, help.Output);
        Assert.Contains("streamer [command] [options]", help.Output, StringComparison.Ordinal);
        Assert.All(["run", "check", "backfill", "tail", "state"], c => Assert.Contains($"  {c} ", help.Output, StringComparison.Ordinal));

        var typo = await RunAsync(Path.Combine(tools, "streamer"), ["stat"]);
        Assert.Equal(2, typo.Exit);
        Assert.Contains("did you mean 'state'?", typo.Output, StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Output)> RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.Environment["NUGET_PACKAGES"] = Path.Combine(directory, "packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }

    private static string Dotnet() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
