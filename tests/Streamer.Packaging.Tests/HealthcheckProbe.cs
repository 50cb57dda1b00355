using System.Diagnostics;

namespace Streamer.Packaging.Tests;

/// <summary>Runs an image's <c>HEALTHCHECK</c> command on this machine, as Docker runs it in the container.</summary>
public static class HealthcheckProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The command's exit code (0: healthy) with <paramref name="environment"/> set, as Docker's --timeout would end it.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command[0], command.Skip(1))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return -1;
        }
    }

    /// <summary>Runs the command until it reports healthy; false when it never does within <paramref name="within"/>.</summary>
    public static async Task<bool> BecomesHealthyAsync(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await RunAsync(command, environment) == 0)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
