using Streamer.Simulator.Control;
using Streamer.Simulator.Generation;
using Streamer.Simulator.Media;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Api;

/// <summary>The hostile mode's <c>/_sim</c> endpoints: hostile records, the clock step and the target inward links lead to.</summary>
internal static class HostileEndpoints
{
    public static void MapSimulatorHostile(this RouteGroupBuilder sim)
    {
        sim.MapPost("/hostile", (HostileRequest body, string? tenant, HttpContext context, Tenants tenants, HostileRecordsMaker maker) =>
        {
            if (TenantQuery.Parse(tenant, tenants.Count, allowAll: false, out var choice) is { } refused)
            {
                return refused;
            }

            return HostileRecordsMaker.Check(body) is { } error
                ? Results.BadRequest(error)
                : Results.Json(maker.Add(tenants.Get(choice.Index), body, context.Connection.LocalPort), SimulatorJsonContext.Default.HostileResult);
        });

        sim.MapGet("/clock", (ClockStep step) => Results.Json(step.Status, SimulatorJsonContext.Default.ClockStatus));
        sim.MapPost("/clock", (ClockRequest body, ClockStep step) =>
            body.Offset < -ClockStep.MaxOffset || body.Offset > ClockStep.MaxOffset
                ? Results.BadRequest($"offset must be within {ClockStep.MaxOffset} either way.")
                : Results.Json(step.Set(body.Offset), SimulatorJsonContext.Default.ClockStatus));

        // Any method counts: a client that should refuse an inward link must not contact it at all.
        sim.Map("/target/{**path}", (SimulatorStats stats) =>
        {
            stats.TargetHit();
            return Results.Bytes(HostileMediaContent.TargetPng, "image/png");
        });
    }
}
