using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Streamer.Samples.Tests;

/// <summary>A sample's host started in the test process; stopped and disposed with the test.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly IHost host;

    private RunningHost(IHost host) => this.host = host;

    public static async Task<RunningHost> StartAsync(Func<string[], IHost> build, params string[] args)
    {
        var host = build(args);
        using var cts = new CancellationTokenSource(StartTimeout);
        await host.StartAsync(cts.Token);
        return new RunningHost(host);
    }

    public T Get<T>()
        where T : notnull => host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StopAsync(cts.Token);
        host.Dispose();
    }
}
