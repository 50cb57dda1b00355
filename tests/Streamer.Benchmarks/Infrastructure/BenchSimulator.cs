using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Streamer.Nxlink;
using Streamer.Simulator;
using Streamer.Simulator.Control;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>The nxlink simulator hosted in this process on a loopback port, driven over HTTP like any client.</summary>
public sealed class BenchSimulator : IAsyncDisposable
{
    /// <summary>The simulator's default account (tenant 1).</summary>
    public const string TenantId = "1";

    /// <summary>The name the worker gives the account (its logger is Streamer.Worker.Account.&lt;name&gt;).</summary>
    public const string AccountName = "bench";

    private readonly WebApplication app;

    private BenchSimulator(WebApplication app, Uri baseUrl, ApiBusyMeter busy)
    {
        this.app = app;
        BaseUrl = baseUrl;
        ApiBusy = busy;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>Where the API answers.</summary>
    public Uri BaseUrl { get; }

    /// <summary>A client of the control endpoints.</summary>
    public HttpClient Http { get; }

    /// <summary>How long chat-records requests have been in flight.</summary>
    public ApiBusyMeter ApiBusy { get; }

    /// <summary>The account of the simulator's default credentials, in its default zone.</summary>
    public NxlinkAccount Account => AccountAt(BaseUrl);

    /// <summary>The account of the simulator's default credentials at <paramref name="baseUrl"/> (a child process has the URL only).</summary>
    public static NxlinkAccount AccountAt(Uri baseUrl) => new(
        AccountName, baseUrl, TenantId, "demo-appkey", "demo-access-key", "demo-access-secret", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    /// <summary>The worker's configuration of that account (environment variable names).</summary>
    public IReadOnlyDictionary<string, string> AccountSettings => new Dictionary<string, string>
    {
        // No health endpoint: two benchmark workers must not compete for its port.
        ["Health__Port"] = "0",
        ["Accounts__0__Name"] = AccountName,
        ["Accounts__0__BaseUrl"] = BaseUrl.ToString(),
        ["Accounts__0__TenantId"] = TenantId,
        ["Accounts__0__AppKey"] = "demo-appkey",
        ["Accounts__0__AccessKey"] = "demo-access-key",
        ["Accounts__0__AccessSecret"] = "demo-access-secret",
        ["Accounts__0__TimeZone"] = "Asia/Shanghai",
    };

    /// <summary>Starts an idle simulator filtering on <paramref name="filterOn"/>, with <paramref name="configure"/>'s settings.</summary>
    public static async Task<BenchSimulator> StartAsync(TimestampField filterOn, int seed, Action<SimulatorOptions>? configure = null)
    {
        var busy = new ApiBusyMeter();
        var app = SimulatorApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            o =>
            {
                o.Mode = SimulatorMode.Idle;
                o.Seed = seed;
                o.FilterOn = filterOn;
                configure?.Invoke(o);
            },
            services => services.AddSingleton<IStartupFilter>(busy));
        await app.StartAsync();
        return new BenchSimulator(app, new Uri(app.Urls.First()), busy);
    }

    /// <summary>Generates changes spread over the past <paramref name="span"/>, ending now.</summary>
    public async Task BacklogAsync(int changes, TimeSpan span)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/backlog", new BacklogRequest { Changes = changes, Span = span });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Starts live traffic (0 changes: until stopped).</summary>
    public async Task StartTrafficAsync(long changes, double rate)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/traffic", new TrafficRequest { Changes = changes, Rate = rate });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Stops live traffic.</summary>
    public async Task StopTrafficAsync()
    {
        using var response = await Http.DeleteAsync(new Uri("/_sim/traffic", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Records, changes and API requests so far.</summary>
    public async Task<SimStats> StatsAsync() =>
        (await Http.GetFromJsonAsync("/_sim/stats", SimulatorJsonContext.Default.SimStats))!;

    /// <summary>The ground truth after <paramref name="after"/>, every page of it.</summary>
    public async Task<List<SimChange>> ChangesAsync(long after = 0, CancellationToken cancellationToken = default)
    {
        var all = new List<SimChange>();
        while (true)
        {
            var page = (await Http.GetFromJsonAsync($"/_sim/changes?after={after}&limit=100000", SimulatorJsonContext.Default.ChangesPage, cancellationToken))!;
            all.AddRange(page.Changes);
            if (page.Changes.Count == 0 || page.LastSeq >= page.LatestSeq)
            {
                return all;
            }

            after = page.LastSeq;
        }
    }

    /// <summary>Every tenant's credentials (Simulator:Tenants).</summary>
    public async Task<TenantList> TenantsAsync() =>
        (await Http.GetFromJsonAsync("/_sim/tenants", SimulatorJsonContext.Default.TenantList))!;

    /// <summary>The worker's configuration of one account per listed tenant, named after it (environment variable names).</summary>
    public IReadOnlyDictionary<string, string> TenantAccountSettings(TenantList tenants)
    {
        var settings = new Dictionary<string, string> { ["Health__Port"] = "0" };
        for (var i = 0; i < tenants.Tenants.Count; i++)
        {
            var tenant = tenants.Tenants[i];
            settings[$"Accounts__{i}__Name"] = tenant.Name;
            settings[$"Accounts__{i}__BaseUrl"] = BaseUrl.ToString();
            settings[$"Accounts__{i}__TenantId"] = tenant.TenantId;
            settings[$"Accounts__{i}__AppKey"] = tenant.AppKey;
            settings[$"Accounts__{i}__AccessKey"] = tenant.AccessKey;
            settings[$"Accounts__{i}__AccessSecret"] = tenant.AccessSecret;
            settings[$"Accounts__{i}__TimeZone"] = tenants.TimeZone;
        }

        return settings;
    }

    /// <summary>Starts live traffic for every tenant from one loop: <paramref name="ratePerTenantPerMinute"/> each, <paramref name="changes"/> in all (0: until stopped).</summary>
    public async Task StartAllTenantTrafficAsync(double ratePerTenantPerMinute, long changes = 0)
    {
        using var response = await Http.PostAsJsonAsync(
            "/_sim/traffic?tenant=all", new TrafficRequest { Changes = changes, RatePerTenantPerMinute = ratePerTenantPerMinute }, SimulatorJsonContext.Default.TrafficRequest);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Stops the live traffic of all tenants.</summary>
    public async Task StopAllTenantTrafficAsync()
    {
        using var response = await Http.DeleteAsync(new Uri("/_sim/traffic?tenant=all", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A tenant's counters (<paramref name="tenant"/>: an index, or <c>all</c> for the sums over all tenants).</summary>
    public async Task<SimStats> TenantStatsAsync(string tenant) =>
        (await Http.GetFromJsonAsync($"/_sim/stats?tenant={tenant}", SimulatorJsonContext.Default.SimStats))!;

    /// <summary>
    /// The ground truth of <paramref name="tenant"/> (an index) or of every tenant (<c>all</c>: each change carries its
    /// tenant; <paramref name="after"/> and the paging count over all tenants), every page after <paramref name="after"/>.
    /// </summary>
    public async Task<List<SimChange>> TenantChangesAsync(string tenant, long after = 0, CancellationToken cancellationToken = default)
    {
        var all = new List<SimChange>();
        while (true)
        {
            var page = (await Http.GetFromJsonAsync($"/_sim/changes?after={after}&limit=100000&tenant={tenant}", SimulatorJsonContext.Default.ChangesPage, cancellationToken))!;
            all.AddRange(page.Changes);
            if (page.Changes.Count == 0 || page.LastSeq >= page.LatestSeq)
            {
                return all;
            }

            after = page.LastSeq;
        }
    }

    /// <summary>Switches what start_time/end_time filter on: tenant 0's, a tenant's (an index) or every tenant's (<c>all</c>).</summary>
    public async Task<FilterStatus> SwitchFilterAsync(TimestampField filterOn, string? tenant = null)
    {
        using var response = await Http.PostAsJsonAsync(
            tenant is null ? "/_sim/filter" : $"/_sim/filter?tenant={tenant}", new FilterRequest { FilterOn = filterOn.ToString() }, SimulatorJsonContext.Default.FilterRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(SimulatorJsonContext.Default.FilterStatus))!;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
