namespace Streamer.Simulator.Control;

/// <summary>The values of <see cref="SimChange.Kind"/>.</summary>
public static class SimChangeKinds
{
    /// <summary>The record was created (its first change).</summary>
    public const string Created = "created";

    /// <summary>The delivery status moved one step.</summary>
    public const string Status = "status";

    /// <summary>The customer's emoji reaction was added, changed or removed.</summary>
    public const string Reaction = "reaction";

    /// <summary>Other fields changed (customer_name, agent, remark).</summary>
    public const string Updated = "updated";

    /// <summary>A record served that is unreadable on purpose; its recordId is the marker in its content.</summary>
    public const string Rejected = "rejected";
}
