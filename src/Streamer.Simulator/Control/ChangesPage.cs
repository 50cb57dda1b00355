using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The answer of <c>GET /_sim/changes</c>.</summary>
public sealed class ChangesPage
{
    /// <summary>The seq of the last change returned (the <c>after</c> asked for when none): the next <c>after</c>.</summary>
    [JsonPropertyName("lastSeq")] public long LastSeq { get; set; }

    /// <summary>The seq of the newest change the simulator has made.</summary>
    [JsonPropertyName("latestSeq")] public long LatestSeq { get; set; }

    /// <summary>The changes, in seq order.</summary>
    [JsonPropertyName("changes")] public List<SimChange> Changes { get; set; } = [];
}
