using Streamer.Simulator.Control;
using Streamer.Simulator.Faults;
using Streamer.Simulator.Fixtures;
using Streamer.Simulator.Media;
using Streamer.Simulator.Store;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Api;

/// <summary>
/// The <c>/_sim</c> endpoints: ground truth, counters, the filter, the tenants, traffic, churn, faults, media, the
/// document's examples and the hostile mode. Those of one tenant take <c>?tenant=i</c> (tenant 0 without it), some
/// <c>?tenant=all</c>.
/// </summary>
internal static class ControlEndpoints
{
    private const int DefaultChangesLimit = 100_000;

    public static void MapSimulatorControl(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapGet("/changes", (long? after, int? limit, string? tenant, Tenants tenants) =>
        {
            if (TenantQuery.Parse(tenant, tenants.Count, allowAll: true, out var choice) is { } error)
            {
                return error;
            }

            var (from, count) = (after ?? 0, Math.Clamp(limit ?? DefaultChangesLimit, 1, 1_000_000));
            var page = choice.All && tenants.Journal is { } journal ? journal.After(from, count)
                : tenants.Peek(choice.Index)?.Store.ChangesAfter(from, count) ?? new ChangesPage { LastSeq = from };
            return Results.Json(page, SimulatorJsonContext.Default.ChangesPage);
        });

        sim.MapGet("/stats", (string? tenant, SimulatorStatsReader reader) =>
            TenantQuery.Parse(tenant, reader.Count, allowAll: true, out var choice) is { } error
                ? error
                : Results.Json(choice.All ? reader.All() : reader.Of(choice.Index), SimulatorJsonContext.Default.SimStats));

        sim.MapGet("/filter", (string? tenant, Tenants tenants, FilterSwitch filter) =>
            TenantQuery.Parse(tenant, tenants.Count, allowAll: true, out var choice) is { } error
                ? error
                : Results.Json(choice.All ? filter.AllStatus : filter.Status(choice.Index), SimulatorJsonContext.Default.FilterStatus));
        sim.MapPost("/filter", (FilterRequest body, string? tenant, Tenants tenants, FilterSwitch filter) =>
        {
            if (TenantQuery.Parse(tenant, tenants.Count, allowAll: true, out var choice) is { } error)
            {
                return error;
            }

            if (FilterSwitch.Parse(body.FilterOn) is not { } filterOn)
            {
                return Results.BadRequest("filterOn must be CreatedAt or UpdatedAt.");
            }

            var status = choice.All ? filter.SwitchAll(filterOn, FilterSwitch.ByControlCall) : filter.Switch(choice.Index, filterOn, FilterSwitch.ByControlCall);
            return Results.Json(status, SimulatorJsonContext.Default.FilterStatus);
        });

        sim.MapGet("/tenants", (int? from, int? limit, TenantDirectory directory, Microsoft.Extensions.Options.IOptions<SimulatorOptions> options) =>
        {
            var first = Math.Clamp(from ?? 0, 0, directory.Count);
            var end = (int)Math.Min(directory.Count, (long)first + Math.Max(0, limit ?? directory.Count));
            var list = new TenantList { Count = directory.Count, TimeZone = options.Value.TimeZone };
            for (var i = first; i < end; i++)
            {
                var c = directory.Credentials(i);
                list.Tenants.Add(new TenantInfo { Index = i, Name = c.Name, TenantId = c.TenantId, AppKey = c.AppKey, AccessKey = c.AccessKey, AccessSecret = c.AccessSecret });
            }

            return Results.Json(list, SimulatorJsonContext.Default.TenantList);
        });

        // Without tenant: the server's knobs (every tenant's but those given their own). With tenant=i: tenant i's.
        sim.MapGet("/faults", (string? tenant, TenantFaults faults) =>
            TenantQuery.Parse(tenant, faults.Count, allowAll: false, out var choice) is { } error
                ? error
                : Results.Json((tenant is null ? faults.Server : faults.For(choice.Index)).Settings, SimulatorJsonContext.Default.FaultSettings));
        sim.MapPost("/faults", (FaultSettings body, string? tenant, TenantFaults faults) =>
        {
            if (TenantQuery.Parse(tenant, faults.Count, allowAll: false, out var choice) is { } refused)
            {
                return refused;
            }

            var injector = tenant is null ? faults.Server : faults.Own(choice.Index);
            return injector.Apply(body) is { } error ? Results.BadRequest(error) : Results.Json(injector.Settings, SimulatorJsonContext.Default.FaultSettings);
        });

        sim.MapGet("/media/{recordId}/{filename}", (string recordId, string filename, HttpRequest request, MediaEndpoint endpoint) =>
            endpoint.HandleAsync(recordId, filename, request));
        sim.MapGet("/media-digest/{recordId}", (long recordId, MediaEndpoint endpoint) =>
        {
            if (endpoint.Find(recordId) is not { MediaLink: not null } record || endpoint.Content(recordId, record) is not { } bytes)
            {
                return Results.NotFound();
            }

            return Results.Json(
                new MediaDigest
                {
                    RecordId = record.Id!,
                    Size = bytes.Length,
                    Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)),
                    MimeType = record.MimeType ?? "application/octet-stream",
                },
                SimulatorJsonContext.Default.MediaDigest);
        });
        sim.MapGet("/fixtures/{name}", (string name) =>
            FixtureCatalog.Read(name) is { } bytes ? Results.Bytes(bytes, "application/json; charset=utf-8") : Results.NotFound());
        sim.MapSimulatorTraffic();
        sim.MapSimulatorHostile();
    }
}
