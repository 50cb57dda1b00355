using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Streamer.Nxlink;
using Streamer.Tests.Detection;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Polling;

/// <summary>An account in UTC, records created at given instants, and a slice reader over a <see cref="PageHandler"/>.</summary>
internal static class TestApi
{
    public static readonly NxlinkAccount Account = new("acme", new Uri("https://api.test"), "tenant-1", "app", "access", "secret", TimeZoneInfo.Utc);

    public static ChatRecord Record(string id, DateTimeOffset createdAt, string status = "sent", DateTimeOffset? updatedAt = null) =>
        Records.Outbound(id, status, Text(updatedAt ?? createdAt)).With(r => r.CreatedAt = Text(createdAt));

    /// <summary>An instant as the API writes it.</summary>
    public static string Text(DateTimeOffset instant) => NxlinkTime.ToApiText(instant, TimeZoneInfo.Utc);

    public static SliceReader Reader(PageHandler handler, PollingOptions options, TimeProvider time, StreamerMetrics metrics) =>
        new(Client(handler, time), ResiliencePipeline.Empty, options, metrics, NullLogger.Instance);

    /// <summary>A real client over <paramref name="handler"/>.</summary>
    public static NxlinkClient Client(PageHandler handler, TimeProvider? time = null) => new(new HttpClient(handler), time ?? TimeProvider.System);
}
