namespace Streamer.Simulator.Api;

/// <summary>A tenant index, or all tenants.</summary>
internal readonly record struct TenantChoice(int Index, bool All);
