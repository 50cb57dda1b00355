using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The answer of <c>GET /_sim/media-digest/{recordId}</c>: the ground truth of a record's media bytes.</summary>
public sealed class MediaDigest
{
    /// <summary>The record id.</summary>
    [JsonPropertyName("recordId")] public required string RecordId { get; set; }

    /// <summary>Size of the media in bytes.</summary>
    [JsonPropertyName("size")] public long Size { get; set; }

    /// <summary>SHA-256 of the media, lowercase hex.</summary>
    [JsonPropertyName("sha256")] public required string Sha256 { get; set; }

    /// <summary>The content type the media is served as.</summary>
    [JsonPropertyName("mimeType")] public required string MimeType { get; set; }
}
