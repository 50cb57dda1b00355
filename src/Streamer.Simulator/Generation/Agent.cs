namespace Streamer.Simulator.Generation;

/// <summary>An agent of the tenant (agent_id, agent_name, agent_account always change together).</summary>
internal sealed record Agent(string Id, string Name, string Account);
