using Streamer.Simulator;

namespace Streamer.Benchmarks.Sections;

/// <summary>One setting of (i): the worker's <c>Polling:FilterOn</c> against a simulator filtering on <see cref="Api"/>.</summary>
/// <param name="Name">The figures' infix.</param>
/// <param name="FilterOn">The worker's setting.</param>
/// <param name="Api">What the simulator's start_time/end_time filter on.</param>
public sealed record CostCase(string Name, string FilterOn, TimestampField Api)
{
    /// <summary>The setting in words.</summary>
    public string Describe => $"FilterOn={FilterOn} on a {(Api == TimestampField.UpdatedAt ? "updated_at" : "created_at")} API";
}
