namespace Streamer.Simulator.Control;

/// <summary>The values of <see cref="FaultSettings.LyingTotal"/>.</summary>
public static class LyingTotals
{
    /// <summary>Every page states a total of 2,000,000,000, whatever the query.</summary>
    public const string Huge = "huge";

    /// <summary>Every page states a total of -7.</summary>
    public const string Negative = "negative";

    /// <summary>Pages state the true count (the default).</summary>
    public const string None = "none";

    /// <summary>The total a huge lie states.</summary>
    public const int HugeTotal = 2_000_000_000;

    /// <summary>The total a negative lie states.</summary>
    public const int NegativeTotal = -7;
}
