using System.ComponentModel.DataAnnotations;

namespace Streamer.Worker.Cluster;

/// <summary>
/// The keys that encrypt account secrets at rest in a shared database (<c>State:SecretKey</c>,
/// <c>State:PreviousSecretKeys</c>): each a base64 256-bit key. Secrets are sealed under the current key; the
/// previous ones still open what was sealed under them, so a key rotates by moving it to the previous ones.
/// </summary>
public sealed class SecretKeyOptions
{
    /// <summary>Configuration section (shared with the state settings).</summary>
    public const string SectionName = "State";

    /// <summary>The current key (base64 of 32 bytes); required only where account secrets are stored.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Earlier keys that can still decrypt (base64 of 32 bytes each).</summary>
    [MaxLength(16)]
    public List<string> PreviousSecretKeys { get; } = [];
}
