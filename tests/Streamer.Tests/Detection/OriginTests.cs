using Streamer.Contracts;
using Streamer.Worker.Detection;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Detection;

/// <summary>Every message event says where it came from (<see cref="ChangeOrigin"/>), whichever detector made it.</summary>
public sealed class OriginTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly Type[] MessageEventTypes =
        [.. typeof(ChatMessageEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(ChatMessageEvent)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal)];

    [Fact]
    public void Contracts_EveryMessageEventType_HasAnOriginMember()
    {
        Assert.Equal(4, MessageEventTypes.Length);
        Assert.All(MessageEventTypes, type =>
        {
            var origin = type.GetProperty(nameof(ChatMessageCreated.Origin));
            Assert.NotNull(origin);
            Assert.Equal(typeof(ChangeOrigin), Nullable.GetUnderlyingType(origin.PropertyType) ?? origin.PropertyType);
        });
    }

    [Theory]
    [InlineData(ChangeOrigin.Live)]
    [InlineData(ChangeOrigin.Snapshot)]
    public void Detect_ChangesOfEveryKind_WhileStreaming_AreLive(ChangeOrigin pass)
    {
        var context = new DetectionContext("1", Shanghai, pass);
        var first = ChangeDetector.Detect(null, Records.Outbound(status: "sent"), context);
        var changed = Records.Outbound(status: "read", updatedAt: "2025-10-16 11:12:00").With(r =>
        {
            r.UserEmoji = "👍";
            r.AgentName = "Zoe";
        });

        var result = ChangeDetector.Detect(first.Snapshot, changed, context);

        Assert.Equal(pass, ((ChatMessageCreated)first.Events[0]).Origin);
        Assert.Equal(MessageEventTypes.Where(t => t != typeof(ChatMessageCreated)), result.Events.Select(e => e.GetType()).Distinct().OrderBy(t => t.Name, StringComparer.Ordinal));
        Assert.Equal(4, result.Events.Count);
        Assert.All(result.Events, e => Assert.Equal(ChangeOrigin.Live, StreamerHeaders.OriginOf(e)));
    }

    [Fact]
    public void Detect_RecordFirstMetAsHistory_CreatedIsBackfillAndItsLaterChangesLive()
    {
        // Created before the longest re-scan horizon: history the stream no longer tracks.
        var context = new DetectionContext("1", Shanghai, ChangeOrigin.Live, HistoricalBefore: DateTimeOffset.Parse("2025-10-17T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var first = ChangeDetector.Detect(null, Records.Outbound(status: "sent"), context);

        var later = ChangeDetector.Detect(first.Snapshot, Records.Outbound(status: "delivered", updatedAt: "2025-10-16 11:12:00"), context);

        Assert.Equal(ChangeOrigin.Backfill, StreamerHeaders.OriginOf(Assert.Single(first.Events)));
        Assert.Equal(ChangeOrigin.Live, StreamerHeaders.OriginOf(Assert.Single(later.Events)));
    }

    [Theory]
    [InlineData("read", 3)]
    [InlineData("failed", 2)]
    [InlineData("sent", 1)]
    public void BackfillDetect_EveryEvent_IsBackfill(string status, int events)
    {
        var result = BackfillDetector.Detect(Records.Outbound(status: status), new DetectionContext("1", Shanghai, ChangeOrigin.Live));

        Assert.Equal(events, result.Events.Count);
        Assert.All(result.Events, e => Assert.Equal(ChangeOrigin.Backfill, StreamerHeaders.OriginOf(e)));
    }
}
