using System.Diagnostics;
using Streamer.Worker.Outbox;
using Streamer.Worker.Telemetry;

namespace Streamer.Tests.Outbox;

/// <summary>The trace context travels with an outbox entry from the detection to its publish.</summary>
public sealed class OutboxTraceTests : IDisposable
{
    private readonly ActivityListener listener = new()
    {
        ShouldListenTo = source => source.Name == StreamerActivities.SourceName,
        Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public OutboxTraceTests() => ActivitySource.AddActivityListener(listener);

    [Fact]
    public void Encode_WithinAnActivity_KeepsItsW3CContext_AndOutsideNone()
    {
        var message = OutboxEvents.ByRecord(1)[0][0];
        var untraced = OutboxCodec.Encode("a", message);

        using var detect = new Activity("detect").SetIdFormat(ActivityIdFormat.W3C);
        detect.TraceStateString = "vendor=1";
        detect.Start();
        var traced = OutboxCodec.Encode("a", message);

        Assert.Null(untraced.TraceParent);
        Assert.Null(untraced.TraceState);
        Assert.Equal(detect.Id, traced.TraceParent);
        Assert.Equal("vendor=1", traced.TraceState);
    }

    [Fact]
    public async Task Dispatch_EntryWithATraceContext_PublishesInAChildSpanOfIt()
    {
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "vendor=1");
        var message = OutboxEvents.ByRecord(1)[0][0];
        var stored = OutboxCodec.Encode("acc", message);

        // As the store reads it back after a restart: no message object, the context from its columns.
        var entry = new OutboxEntry(stored.Account, stored.OrderKey, stored.EventId, stored.Type, stored.Body, message: null)
        {
            Seq = 1,
            TraceParent = $"00-{parent.TraceId}-{parent.SpanId}-01",
            TraceState = parent.TraceState,
        };
        var publisher = new ActivityCapturingPublisher();

        await using (var dispatcher = new OutboxDispatcher(publisher, 8, CancellationToken.None))
        {
            await dispatcher.DispatchAsync(entry);
            await dispatcher.DrainAsync();
        }

        var (published, span) = Assert.Single(publisher.Published);
        Assert.Equal(message.EventId, ((Streamer.Contracts.ChatMessageEvent)published).EventId);
        Assert.NotNull(span);
        Assert.Equal(StreamerActivities.SourceName, span.Source.Name);
        Assert.Equal("publish", span.OperationName);
        Assert.Equal(parent.TraceId, span.TraceId);
        Assert.Equal(parent.SpanId, span.ParentSpanId);
        Assert.Equal("vendor=1", span.TraceStateString);
        Assert.Equal("acc", span.GetTagItem(StreamerActivities.AccountTag));
        Assert.Equal("ChatMessageCreated", span.GetTagItem("streamer.event.type"));
    }

    [Fact]
    public async Task Dispatch_EntryWithoutATraceContext_PublishesInARootSpan()
    {
        var entry = OutboxCodec.Encode("acc", OutboxEvents.ByRecord(1)[0][0]);
        var publisher = new ActivityCapturingPublisher();

        await using (var dispatcher = new OutboxDispatcher(publisher, 8, CancellationToken.None))
        {
            await dispatcher.DispatchAsync(entry);
            await dispatcher.DrainAsync();
        }

        var span = Assert.Single(publisher.Published).Current;
        Assert.NotNull(span);
        Assert.Equal(default, span.ParentSpanId);
    }

    public void Dispose() => listener.Dispose();
}
