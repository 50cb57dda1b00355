using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Streamer.Simulator;
using Streamer.Simulator.Control;

namespace Streamer.IntegrationTests.Stream;

/// <summary>The simulator, hosted in-process on a free loopback port and driven over HTTP like any client.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private SimulatorHost(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Where the API answers.</summary>
    public Uri BaseUrl { get; }

    /// <summary>A client of the control endpoints.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts a simulator with the given options.</summary>
    public static async Task<SimulatorHost> StartAsync(Action<SimulatorOptions> configure)
    {
        var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0"], configure);
        await app.StartAsync();
        return new SimulatorHost(app, new Uri(app.Urls.First()));
    }

    /// <summary>Generates changes with timestamps spread over the past <paramref name="span"/>.</summary>
    public async Task BacklogAsync(int changes, TimeSpan span)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/backlog", new BacklogRequest { Changes = changes, Span = span });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Starts live traffic in the background.</summary>
    public async Task StartTrafficAsync(long changes, double rate)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/traffic", new TrafficRequest { Changes = changes, Rate = rate });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The live traffic's progress.</summary>
    public async Task<TrafficStatus> TrafficAsync() =>
        (await Http.GetFromJsonAsync<TrafficStatus>("/_sim/traffic"))!;

    /// <summary>Waits until live traffic has generated everything it was asked for.</summary>
    public async Task WaitForTrafficAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await TrafficAsync()).Running)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The simulator's live traffic did not finish in time.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The ground truth: every change after <paramref name="after"/>, in order.</summary>
    public async Task<IReadOnlyList<SimChange>> ChangesAsync(long after = 0)
    {
        var all = new List<SimChange>();
        while (true)
        {
            var page = (await Http.GetFromJsonAsync<ChangesPage>($"/_sim/changes?after={after}&limit=100000"))!;
            all.AddRange(page.Changes);
            if (page.Changes.Count == 0 || page.LastSeq >= page.LatestSeq)
            {
                return all;
            }

            after = page.LastSeq;
        }
    }

    /// <summary>Sets fault knobs at runtime.</summary>
    public async Task SetFaultsAsync(FaultSettings faults)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/faults", faults);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Switches what start_time/end_time filter on: tenant 0's, <paramref name="tenant"/>'s (an index), or every
    /// tenant's (<c>all</c>).
    /// </summary>
    public async Task<FilterStatus> SwitchFilterAsync(TimestampField filterOn, string? tenant = null)
    {
        using var response = await Http.PostAsJsonAsync(Tenanted("/_sim/filter", tenant), new FilterRequest { FilterOn = filterOn.ToString() });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<FilterStatus>())!;
    }

    /// <summary>What start_time/end_time filter on now (tenant 0's, a tenant's, or what <c>all</c> set).</summary>
    public async Task<FilterStatus> FilterAsync(string? tenant = null) =>
        (await Http.GetFromJsonAsync<FilterStatus>(Tenanted("/_sim/filter", tenant)))!;

    /// <summary>Every tenant's credentials (Simulator:Tenants).</summary>
    public async Task<TenantList> TenantsAsync() => (await Http.GetFromJsonAsync<TenantList>("/_sim/tenants"))!;

    /// <summary>
    /// The ground truth of <paramref name="tenant"/> (an index), or of every tenant (<c>all</c>: each change carries its
    /// tenant, <paramref name="after"/> counts over all tenants), after <paramref name="after"/>, in order.
    /// </summary>
    public async Task<IReadOnlyList<SimChange>> TenantChangesAsync(string tenant, long after = 0)
    {
        var all = new List<SimChange>();
        while (true)
        {
            var page = (await Http.GetFromJsonAsync<ChangesPage>($"/_sim/changes?after={after}&limit=100000&tenant={tenant}"))!;
            all.AddRange(page.Changes);
            if (page.Changes.Count == 0 || page.LastSeq >= page.LatestSeq)
            {
                return all;
            }

            after = page.LastSeq;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static string Tenanted(string path, string? tenant) => tenant is null ? path : $"{path}?tenant={tenant}";
}
