using System.Globalization;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Streamer.Simulator.Control;

namespace Streamer.Simulator.Tests.Infrastructure;

/// <summary>An in-process simulator on 127.0.0.1 with a free port, and clients pointed at it.</summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    public const string TimeZoneId = "Asia/Shanghai";

    private readonly WebApplication app;

    private SimulatorHost(WebApplication app, Uri baseUrl, TimeProvider time)
    {
        this.app = app;
        BaseUrl = baseUrl;
        Time = time;
        Http = new HttpClient { BaseAddress = baseUrl };
        Client = new NxlinkClient(Http, time);
    }

    public Uri BaseUrl { get; }

    public TimeProvider Time { get; }

    /// <summary>For the control endpoints and raw requests.</summary>
    public HttpClient Http { get; }

    /// <summary>The real client, on the same clock as the simulator.</summary>
    public NxlinkClient Client { get; }

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public static async Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null, TimeProvider? time = null)
    {
        var app = SimulatorApp.Build(
            ["--urls", "http://127.0.0.1:0"],
            options =>
            {
                options.TimeZone = TimeZoneId;
                configure?.Invoke(options);
            },
            time is null ? null : services => services.AddSingleton(time));
        await app.StartAsync();
        var address = app.Urls.Single();
        return new SimulatorHost(app, new Uri(address), time ?? TimeProvider.System);
    }

    public NxlinkAccount Account(string? accessSecret = null, string? appKey = null, string? accessKey = null, string? tenantId = null) =>
        new("sim", BaseUrl, tenantId ?? "1", appKey ?? "demo-appkey", accessKey ?? "demo-access-key", accessSecret ?? "demo-access-secret", Zone);

    public async Task<List<ChatRecord>> AllRecordsAsync(ChatRecordsQuery query, NxlinkAccount? account = null)
    {
        var records = new List<ChatRecord>();
        await foreach (var page in Client.GetAllPagesAsync(account ?? Account(), query, CancellationToken.None))
        {
            records.AddRange(page.List ?? []);
        }

        return records;
    }

    /// <summary>The ground truth of tenant 0, of <paramref name="tenant"/> (an index), or of all tenants (<c>all</c>).</summary>
    public async Task<List<SimChange>> ChangesAsync(string? tenant = null)
    {
        var changes = new List<SimChange>();
        long after = 0;
        while (true)
        {
            var page = await Http.GetFromJsonAsync(
                string.Create(CultureInfo.InvariantCulture, $"/_sim/changes?after={after}&limit=50000{TenantParameter(tenant)}"),
                SimulatorJsonContext.Default.ChangesPage);
            changes.AddRange(page!.Changes);
            if (page.LastSeq >= page.LatestSeq)
            {
                return changes;
            }

            after = page.LastSeq;
        }
    }

    public async Task<BacklogResult> BacklogAsync(int changes, TimeSpan span, string? tenant = null)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/backlog?" + TenantParameter(tenant), new BacklogRequest { Changes = changes, Span = span }, SimulatorJsonContext.Default.BacklogRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(SimulatorJsonContext.Default.BacklogResult))!;
    }

    public async Task SetFaultsAsync(FaultSettings settings)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/faults", settings, SimulatorJsonContext.Default.FaultSettings);
        response.EnsureSuccessStatusCode();
    }

    public async Task<HostileResult> HostileAsync(string hostileCase, int count = 1, int? bytes = null)
    {
        using var response = await Http.PostAsJsonAsync(
            "/_sim/hostile", new HostileRequest { Case = hostileCase, Count = count, Bytes = bytes }, SimulatorJsonContext.Default.HostileRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(SimulatorJsonContext.Default.HostileResult))!;
    }

    public async Task<ClockStatus> StepClockAsync(TimeSpan offset)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/clock", new ClockRequest { Offset = offset }, SimulatorJsonContext.Default.ClockRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(SimulatorJsonContext.Default.ClockStatus))!;
    }

    /// <summary>Switches what start_time/end_time filter on (<c>POST /_sim/filter</c>).</summary>
    public async Task<FilterStatus> SwitchFilterAsync(string filterOn)
    {
        using var response = await Http.PostAsJsonAsync("/_sim/filter", new FilterRequest { FilterOn = filterOn }, SimulatorJsonContext.Default.FilterRequest);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(SimulatorJsonContext.Default.FilterStatus))!;
    }

    public async Task<FilterStatus> FilterAsync() => (await Http.GetFromJsonAsync("/_sim/filter", SimulatorJsonContext.Default.FilterStatus))!;

    /// <summary>Every record served by one unfiltered request of up to 100 records, newest first.</summary>
    public async Task<List<ChatRecord>> ServedAsync(DateTimeOffset? at = null) =>
        (await SendRawAsync(RawRequest("tenant_id=1&appkey=demo-appkey&channel=2&page_number=1&page_size=100", at: at))).List!;

    public async Task<SimStats> StatsAsync(string? tenant = null) => (await Http.GetFromJsonAsync("/_sim/stats?" + TenantParameter(tenant), SimulatorJsonContext.Default.SimStats))!;

    public async Task<TenantList> TenantsAsync() => (await Http.GetFromJsonAsync("/_sim/tenants", SimulatorJsonContext.Default.TenantList))!;

    /// <summary>The account of a tenant listed by <c>/_sim/tenants</c>.</summary>
    public NxlinkAccount Account(TenantInfo tenant) =>
        new(tenant.Name, BaseUrl, tenant.TenantId, tenant.AppKey, tenant.AccessKey, tenant.AccessSecret, Zone);

    /// <summary>A correctly signed request built by hand, so tests can break exactly one thing.</summary>
    public HttpRequestMessage RawRequest(string query, Action<Dictionary<string, string>>? editHeaders = null, DateTimeOffset? at = null, string secret = "demo-access-secret")
    {
        var ts = (at ?? Time.GetUtcNow()).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>
        {
            [NxlinkHeaders.AccessKey] = "demo-access-key",
            [NxlinkHeaders.Ts] = ts,
            [NxlinkHeaders.BizType] = NxlinkHeaders.WhatsAppBizType,
            [NxlinkHeaders.Action] = NxlinkHeaders.MtAction,
        };
        headers[NxlinkHeaders.Sign] = NxlinkSigner.Sign(headers, body: null, secret);
        editHeaders?.Invoke(headers);
        var request = new HttpRequestMessage(HttpMethod.Get, NxlinkHeaders.ChatRecordsPath + "?" + query);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>Sends a raw request and reads the envelope.</summary>
    public async Task<ChatRecordsResponse> SendRawAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync(NxlinkJsonContext.Default.ChatRecordsResponse))!;
        }
    }

    private static string TenantParameter(string? tenant) => tenant is null ? "" : "&tenant=" + tenant;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
