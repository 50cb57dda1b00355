using System.Collections.Concurrent;
using System.Diagnostics;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>
/// A .NET program run as its own process (the worker, or this program in a child mode), so that its memory is
/// measured alone: the simulator and the benchmark's own buffers live in the parent. Output is kept for
/// the report's failure messages and for the figures a child prints.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> output = new();
    private readonly Process process;
    private long peakRss;

    private ChildProcess(Process process) => this.process = process;

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>Whether it still runs.</summary>
    public bool IsRunning => !process.HasExited;

    /// <summary>Every line it wrote to stdout and stderr.</summary>
    public IReadOnlyCollection<string> Output => output;

    /// <summary>The highest peak RSS seen (the kernel's VmHWM, read while the process runs).</summary>
    public long PeakRss => Math.Max(peakRss, SamplePeak());

    /// <summary>
    /// Extra settings for worker processes only, from BENCH_WORKER_ENV ("Key=value;Key2=value2"): to try a
    /// runtime knob or a worker option on the worker alone, e.g. BENCH_WORKER_ENV="DOTNET_TieredPGO=0".
    /// </summary>
    public static IReadOnlyDictionary<string, string> WorkerOverrides { get; } =
        (Environment.GetEnvironmentVariable("BENCH_WORKER_ENV") ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);

    /// <summary>
    /// The worker the benchmarks start: BENCH_WORKER_DLL when set (eng/bench.sh sets it to the worker it published,
    /// as users deploy it), else the build copied next to this program.
    /// </summary>
    public static string WorkerDll { get; } =
        Environment.GetEnvironmentVariable("BENCH_WORKER_DLL") is { Length: > 0 } dll ? Path.GetFullPath(dll) : Path.Combine(AppContext.BaseDirectory, "streamer.dll");

    /// <summary>Starts the worker (<c>streamer.dll run</c>) with its settings and <see cref="WorkerOverrides"/>.</summary>
    public static ChildProcess StartWorker(IReadOnlyDictionary<string, string> settings)
    {
        // Bench brokers speak plain amqp, on this machine or on a Docker host that need not be loopback.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["Rabbit__AllowInsecureTransport"] = "true" };
        foreach (var (key, value) in settings.Concat(WorkerOverrides))
        {
            environment[key] = value;
        }

        return Start(WorkerDll, ["run"], environment);
    }

    /// <summary>
    /// Starts <c>dotnet &lt;dll&gt; args</c> (a name in this program's folder, or a full path) from the dll's folder
    /// with extra environment variables.
    /// </summary>
    public static ChildProcess Start(string dll, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var path = Path.Combine(AppContext.BaseDirectory, dll);
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        startInfo.ArgumentList.Add(path);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Production";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        startInfo.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Reads the peak RSS now; call it before stopping the process, /proc forgets it at exit.</summary>
    public long SamplePeak()
    {
        var now = ProcStatus.PeakRss(process.Id);
        peakRss = Math.Max(peakRss, now);
        return peakRss;
    }

    /// <summary>Waits for the process to exit by itself.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>The last lines of its output, for a failure message.</summary>
    public string Tail(int lines = 30) => string.Join('\n', output.TakeLast(lines));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            SamplePeak();
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    // `dotnet Streamer.Benchmarks.dll` runs in the dotnet host: start children with the same one.
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
