namespace Streamer.Worker.Polling;

/// <summary>An account's readers of the API, sharing its resilience pipeline and so its rate limit.</summary>
/// <param name="Reader">Reads the slices of its windows.</param>
/// <param name="Filter">Knows, or learns, which timestamp its API filters on.</param>
internal sealed record AccountApi(SliceReader Reader, FilterSense Filter);
