using Microsoft.Extensions.Options;
using Streamer.Simulator.Control;
using Streamer.Simulator.Generation;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Api;

/// <summary>The <c>/_sim</c> endpoints that make changes: live traffic (one tenant's, or all tenants'), churn, backlogs and bad records.</summary>
internal static class TrafficEndpoints
{
    public static void MapSimulatorTraffic(this RouteGroupBuilder sim)
    {
        sim.MapGet("/traffic", (string? tenant, Tenants tenants, AllTenantTraffic all) =>
            TenantQuery.Parse(tenant, tenants.Count, allowAll: true, out var choice) is { } error
                ? error
                : Results.Json(choice.All ? all.Status : tenants.Peek(choice.Index)?.Traffic.Status ?? new TrafficStatus(), SimulatorJsonContext.Default.TrafficStatus));
        sim.MapPost("/traffic", (TrafficRequest body, string? tenant, Tenants tenants, AllTenantTraffic all, IOptions<SimulatorOptions> options) =>
        {
            if (TenantQuery.Parse(tenant, tenants.Count, allowAll: true, out var choice) is { } error)
            {
                return error;
            }

            if (choice.All)
            {
                var perTenant = body.RatePerTenantPerMinute ?? (options.Value.TenantLiveRatePerMinute > 0 ? options.Value.TenantLiveRatePerMinute : 1);
                if (body.Changes < 0 || body.Rate is not null || !(perTenant > 0 && perTenant <= 60_000))
                {
                    return Results.BadRequest("tenant=all takes changes >= 0 (0 = until stopped) and ratePerTenantPerMinute in (0, 60000], not rate.");
                }

                all.Start(body.Changes, perTenant);
                return Results.Json(all.Status, SimulatorJsonContext.Default.TrafficStatus, statusCode: StatusCodes.Status202Accepted);
            }

            var rate = body.Rate ?? options.Value.LiveRate;
            if (body.Changes < 0 || !(rate > 0) || body.RatePerTenantPerMinute is not null)
            {
                return Results.BadRequest("changes must be >= 0 (0 = until stopped) and rate > 0 (ratePerTenantPerMinute is for tenant=all).");
            }

            var traffic = tenants.Get(choice.Index).Traffic;
            traffic.Start(body.Changes, rate);
            return Results.Json(traffic.Status, SimulatorJsonContext.Default.TrafficStatus, statusCode: StatusCodes.Status202Accepted);
        });
        sim.MapDelete("/traffic", async (string? tenant, Tenants tenants, AllTenantTraffic all) =>
        {
            if (TenantQuery.Parse(tenant, tenants.Count, allowAll: true, out var choice) is { } error)
            {
                return error;
            }

            if (choice.All)
            {
                await all.StopAsync().ConfigureAwait(false);
                return Results.Json(all.Status, SimulatorJsonContext.Default.TrafficStatus);
            }

            var traffic = tenants.Peek(choice.Index)?.Traffic;
            if (traffic is null)
            {
                return Results.Json(new TrafficStatus(), SimulatorJsonContext.Default.TrafficStatus);
            }

            await traffic.StopAsync().ConfigureAwait(false);
            return Results.Json(traffic.Status, SimulatorJsonContext.Default.TrafficStatus);
        });

        sim.MapGet("/churn", (string? tenant, Tenants tenants) =>
            TenantQuery.Parse(tenant, tenants.Count, allowAll: false, out var choice) is { } error
                ? error
                : Results.Json(tenants.Peek(choice.Index)?.Churn.Status ?? ChurnRun.Finished.Status, SimulatorJsonContext.Default.ChurnStatus));
        sim.MapPost("/churn", (ChurnRequest body, string? tenant, Tenants tenants) =>
        {
            if (TenantQuery.Parse(tenant, tenants.Count, allowAll: false, out var choice) is { } error)
            {
                return error;
            }

            var churn = tenants.Get(choice.Index).Churn;
            return churn.Check(body) is { } invalid
                ? Results.BadRequest(invalid)
                : Results.Json(churn.Start(body), SimulatorJsonContext.Default.ChurnStatus, statusCode: StatusCodes.Status202Accepted);
        });
        sim.MapDelete("/churn", async (string? tenant, Tenants tenants) =>
        {
            if (TenantQuery.Parse(tenant, tenants.Count, allowAll: false, out var choice) is { } error)
            {
                return error;
            }

            var churn = tenants.Get(choice.Index).Churn;
            await churn.StopAsync().ConfigureAwait(false);
            return Results.Json(churn.Status, SimulatorJsonContext.Default.ChurnStatus);
        });

        sim.MapPost("/backlog", (BacklogRequest body, string? tenant, Tenants tenants, IOptions<SimulatorOptions> options) =>
        {
            var span = body.Span ?? options.Value.BacklogSpan;
            if (TenantQuery.Parse(tenant, tenants.Count, allowAll: true, out var choice) is { } error)
            {
                return error;
            }

            if (body.Changes < 0 || span < TimeSpan.Zero)
            {
                return Results.BadRequest("changes and span must not be negative.");
            }

            // With tenant=all, each tenant gets the changes asked for, one tenant after the other.
            var (first, end) = choice.All ? (0, tenants.Count) : (choice.Index, choice.Index + 1);
            for (var i = first; i < end; i++)
            {
                tenants.Get(i).Generator.Backlog(body.Changes, span);
            }

            var lastSeq = choice.All && tenants.Journal is { } journal ? journal.Count : tenants.Get(choice.Index).Store.ChangeCount;
            return Results.Json(new BacklogResult { Generated = (long)body.Changes * (end - first), LastSeq = lastSeq }, SimulatorJsonContext.Default.BacklogResult);
        });

        sim.MapPost("/bad-records", (BadRecordsRequest body, string? tenant, Tenants tenants, BadRecordsMaker generator) =>
        {
            if (TenantQuery.Parse(tenant, tenants.Count, allowAll: false, out var choice) is { } error)
            {
                return error;
            }

            return body.Count is < 0 or > 100_000
                ? Results.BadRequest("count must be 0..100000.")
                : Results.Json(generator.BadRecords(tenants.Get(choice.Index), body.Count), SimulatorJsonContext.Default.BadRecordsResult);
        });
    }
}
