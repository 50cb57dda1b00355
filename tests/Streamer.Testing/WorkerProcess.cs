using System.Collections.Concurrent;
using System.Diagnostics;

namespace Streamer.Testing;

/// <summary>
/// The real worker as a separate process (<c>dotnet streamer.dll</c> from the test's output folder),
/// configured through environment variables exactly as an operator would. It can be killed hard, like a
/// crash, and started again on the same state file. Its output is kept for inspection.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly IReadOnlyList<string> arguments;
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    /// <summary>Prepares a worker; nothing runs until <see cref="Start"/>.</summary>
    /// <param name="environment">Settings as environment variables (<c>Section__Key</c>).</param>
    /// <param name="arguments">The command line (none: <c>run</c>), e.g. <c>["check"]</c>.</param>
    public WorkerProcess(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string>? arguments = null)
    {
        this.environment = environment;
        this.arguments = arguments ?? [];
    }

    /// <summary>The command line it runs with.</summary>
    public IReadOnlyList<string> Arguments => arguments;

    /// <summary>The environment the worker runs with.</summary>
    public IReadOnlyDictionary<string, string> Environment => environment;

    /// <summary>Every line the worker wrote to stdout and stderr so far, over all its runs.</summary>
    public IReadOnlyCollection<string> Output
    {
        get
        {
            // Once it has exited, its last lines may still be on their way to the output handlers:
            // WaitForExit() returns when they have all been delivered.
            if (process is { HasExited: true } exited)
            {
                exited.WaitForExit();
            }

            return output;
        }
    }

    /// <summary>Whether the current process is running.</summary>
    public bool IsRunning => process is { HasExited: false };

    /// <summary>How many times it was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Starts the worker.</summary>
    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The worker is already running.");
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "streamer.dll");
        var startInfo = new ProcessStartInfo(DotnetHost(), [dll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        startInfo.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";

        // Tests run several workers at once: the health endpoint is off unless a test gives it a port.
        startInfo.Environment["Health__Port"] = "0";

        // Test brokers speak plain amqp, on this machine or on a Docker host that need not be loopback.
        startInfo.Environment["Rabbit__AllowInsecureTransport"] = "true";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var started = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) => Keep(e.Data);
        started.ErrorDataReceived += (_, e) => Keep(e.Data);
        started.Start();
        started.StandardInput.Close();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process?.Dispose();
        process = started;
        Starts++;
    }

    /// <summary>Kills the process at once (SIGKILL): no graceful shutdown, no flush, like a crash.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }
    }

    /// <summary>Asks the worker to stop (SIGTERM) and waits for it.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (process is not { HasExited: false } running)
        {
            return;
        }

        await SignalAsync(running, "TERM");

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await running.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>
    /// Freezes the process (SIGSTOP), as a long GC pause or a frozen VM would: it keeps its connections and leases on
    /// record but runs nothing until <see cref="ResumeAsync"/>.
    /// </summary>
    public Task PauseAsync() => process is { HasExited: false } running ? SignalAsync(running, "STOP") : Task.CompletedTask;

    /// <summary>Lets a paused process run again (SIGCONT).</summary>
    public Task ResumeAsync() => process is { HasExited: false } running ? SignalAsync(running, "CONT") : Task.CompletedTask;

    /// <summary>Waits for the current run to end by itself; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        if (process is not { } running)
        {
            return true;
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await running.WaitForExitAsync(cts.Token);

            // The parameterless wait also drains the redirected output, so Output is complete.
            await running.WaitForExitAsync(CancellationToken.None);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The exit code of the last run, once it has exited.</summary>
    public int? ExitCode => process is { HasExited: true } p ? p.ExitCode : null;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
        process = null;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private static async Task SignalAsync(Process target, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private static string DotnetHost() =>
        System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
