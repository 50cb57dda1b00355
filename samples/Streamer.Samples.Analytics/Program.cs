using Streamer.Samples.Analytics;

// Counts the event stream by type, direction, status and hour, and logs the counts periodically.
await AnalyticsHost.Build(args).RunAsync();
