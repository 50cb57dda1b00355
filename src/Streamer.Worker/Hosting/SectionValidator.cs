using Microsoft.Extensions.Options;

namespace Streamer.Worker.Hosting;

/// <summary>
/// Puts the configuration section in front of each failure of a generated validator ("Outbox:RetryDelay: ..."):
/// the generated messages name only the member, and several sections share member names (RetryDelay, Path, MaxBytes).
/// A message that already names its setting from the section on (an <c>IValidatableObject</c> rule's) is kept as it is.
/// </summary>
internal sealed class SectionValidator<TOptions>(string section, IValidateOptions<TOptions> inner) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var result = inner.Validate(name, options);
        return result.Failed ? ValidateOptionsResult.Fail(result.Failures.Select(Qualify)) : result;
    }

    private string Qualify(string failure)
    {
        var separator = failure.IndexOf(": ", StringComparison.Ordinal);
        var message = separator >= 0 ? failure[(separator + 2)..] : failure;
        return message.StartsWith(section + ":", StringComparison.Ordinal) ? message : $"{section}:{failure}";
    }
}
