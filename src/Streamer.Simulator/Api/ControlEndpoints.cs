using Microsoft.Extensions.Options;
using Streamer.Simulator.Control;
using Streamer.Simulator.Faults;
using Streamer.Simulator.Fixtures;
using Streamer.Simulator.Generation;
using Streamer.Simulator.Media;
using Streamer.Simulator.Store;

namespace Streamer.Simulator.Api;

/// <summary>The <c>/_sim</c> endpoints: ground truth, counters, traffic, churn, faults, media, the document's examples and the hostile mode.</summary>
internal static class ControlEndpoints
{
    private const int DefaultChangesLimit = 100_000;

    public static void MapSimulatorControl(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapGet("/changes", (long? after, int? limit, RecordStore store) =>
            Results.Json(store.ChangesAfter(after ?? 0, Math.Clamp(limit ?? DefaultChangesLimit, 1, 1_000_000)), SimulatorJsonContext.Default.ChangesPage));

        sim.MapGet("/stats", (RecordStore store, SimulatorStats stats, LiveTraffic traffic) => Results.Json(
            new SimStats
            {
                Records = store.RecordCount,
                Changes = store.ChangeCount,
                Requests = stats.Requests,
                FaultsInjected = stats.FaultsInjected,
                PageOneChanges = stats.PageOneChanges,
                Generating = traffic.Running,
                TargetHits = stats.TargetHits,
                FilterOn = store.FilterOn.ToString(),
            },
            SimulatorJsonContext.Default.SimStats));

        sim.MapGet("/filter", (FilterSwitch filter) => Results.Json(filter.Status, SimulatorJsonContext.Default.FilterStatus));
        sim.MapPost("/filter", (FilterRequest body, FilterSwitch filter) =>
            FilterSwitch.Parse(body.FilterOn) is { } filterOn
                ? Results.Json(filter.Switch(filterOn, FilterSwitch.ByControlCall), SimulatorJsonContext.Default.FilterStatus)
                : Results.BadRequest("filterOn must be CreatedAt or UpdatedAt."));

        sim.MapGet("/traffic", (LiveTraffic traffic) => Results.Json(traffic.Status, SimulatorJsonContext.Default.TrafficStatus));
        sim.MapPost("/traffic", (TrafficRequest body, LiveTraffic traffic, IOptions<SimulatorOptions> options) =>
        {
            var rate = body.Rate ?? options.Value.LiveRate;
            if (body.Changes < 0 || !(rate > 0))
            {
                return Results.BadRequest("changes must be >= 0 (0 = until stopped) and rate > 0.");
            }

            traffic.Start(body.Changes, rate);
            return Results.Json(traffic.Status, SimulatorJsonContext.Default.TrafficStatus, statusCode: StatusCodes.Status202Accepted);
        });
        sim.MapDelete("/traffic", async (LiveTraffic traffic) =>
        {
            await traffic.StopAsync().ConfigureAwait(false);
            return Results.Json(traffic.Status, SimulatorJsonContext.Default.TrafficStatus);
        });

        sim.MapGet("/churn", (Churn churn) => Results.Json(churn.Status, SimulatorJsonContext.Default.ChurnStatus));
        sim.MapPost("/churn", (ChurnRequest body, Churn churn) =>
            churn.Check(body) is { } error
                ? Results.BadRequest(error)
                : Results.Json(churn.Start(body), SimulatorJsonContext.Default.ChurnStatus, statusCode: StatusCodes.Status202Accepted));
        sim.MapDelete("/churn", async (Churn churn) =>
        {
            await churn.StopAsync().ConfigureAwait(false);
            return Results.Json(churn.Status, SimulatorJsonContext.Default.ChurnStatus);
        });

        sim.MapPost("/backlog", (BacklogRequest body, TrafficGenerator generator, RecordStore store, IOptions<SimulatorOptions> options) =>
        {
            var span = body.Span ?? options.Value.BacklogSpan;
            if (body.Changes < 0 || span < TimeSpan.Zero)
            {
                return Results.BadRequest("changes and span must not be negative.");
            }

            generator.Backlog(body.Changes, span);
            return Results.Json(new BacklogResult { Generated = body.Changes, LastSeq = store.ChangeCount }, SimulatorJsonContext.Default.BacklogResult);
        });

        sim.MapPost("/bad-records", (BadRecordsRequest body, BadRecordsMaker generator) =>
            body.Count is < 0 or > 100_000
                ? Results.BadRequest("count must be 0..100000.")
                : Results.Json(generator.BadRecords(body.Count), SimulatorJsonContext.Default.BadRecordsResult));

        sim.MapGet("/faults", (FaultInjector faults) => Results.Json(faults.Settings, SimulatorJsonContext.Default.FaultSettings));
        sim.MapPost("/faults", (FaultSettings body, FaultInjector faults) =>
            faults.Apply(body) is { } error ? Results.BadRequest(error) : Results.Json(faults.Settings, SimulatorJsonContext.Default.FaultSettings));

        sim.MapGet("/media/{recordId}/{filename}", (string recordId, string filename, HttpRequest request, MediaEndpoint endpoint) =>
            endpoint.HandleAsync(recordId, filename, request));
        sim.MapGet("/media-digest/{recordId}", (long recordId, RecordStore store, MediaEndpoint endpoint) =>
        {
            if (store.Find(recordId) is not { MediaLink: not null } record || endpoint.Content(recordId, record) is not { } bytes)
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
        sim.MapSimulatorHostile();
    }
}
