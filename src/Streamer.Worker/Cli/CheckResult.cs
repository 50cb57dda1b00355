namespace Streamer.Worker.Cli;

/// <summary>One line of <c>streamer check</c>.</summary>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Subject">What was checked: configuration, account NAME, broker ADDRESS.</param>
/// <param name="Detail">What was found and, on failure, what to fix. Never a secret.</param>
public sealed record CheckResult(bool Passed, string Subject, string Detail)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Passed ? "OK  " : "FAIL")}  {Subject}: {Detail}";
}
