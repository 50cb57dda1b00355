namespace Streamer.Benchmarks.Reporting;

/// <summary>One measured figure: printed as <c>name: value</c> and listed in docs/benchmarks.md.</summary>
/// <param name="Name">A stable snake_case name, so runs can be compared line by line.</param>
/// <param name="Value">The value as printed (invariant culture).</param>
/// <param name="Meaning">What was measured and how, for the report.</param>
public sealed record Figure(string Name, string Value, string Meaning);
