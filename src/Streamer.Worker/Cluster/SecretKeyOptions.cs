using System.ComponentModel.DataAnnotations;

namespace Streamer.Worker.Cluster;

/// <summary>
/// The keys that encrypt account secrets at rest in a shared database (<c>State:SecretKey</c>,
/// <c>State:PreviousSecretKeys</c>): each a base64 256-bit key. Secrets are sealed under the current key; the
/// previous ones still open what was sealed under them, so a key rotates by moving it to the previous ones.
/// </summary>
public sealed class SecretKeyOptions : IValidatableObject
{
    /// <summary>Configuration section (shared with the state settings).</summary>
    public const string SectionName = "State";

    /// <summary>The current key (base64 of 32 bytes); required only where account secrets are stored.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Earlier keys that can still decrypt (base64 of 32 bytes each).</summary>
    [MaxLength(16)]
    public List<string> PreviousSecretKeys { get; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // What the SecretBox would refuse when it is first built, said at start with the other settings.
        if (!string.IsNullOrEmpty(SecretKey) && SecretBox.KeyProblem(SecretKey, "State:SecretKey") is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(SecretKey)]);
        }

        for (var i = 0; i < PreviousSecretKeys.Count; i++)
        {
            if (SecretBox.KeyProblem(PreviousSecretKeys[i] ?? string.Empty, $"State:PreviousSecretKeys:{i}") is { } previous)
            {
                yield return new ValidationResult(previous, [nameof(PreviousSecretKeys)]);
            }
        }
    }
}
