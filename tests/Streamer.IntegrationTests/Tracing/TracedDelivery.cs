using System.Diagnostics;

namespace Streamer.IntegrationTests.Tracing;

/// <summary>One message as the traced consumer got it.</summary>
/// <param name="EventId">The event's id (its MessageId).</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> header it came with, if any.</param>
/// <param name="Span">The consumer's own span (MassTransit's, current while it consumed), if any.</param>
public sealed record TracedDelivery(Guid EventId, string? TraceParent, Activity? Span);
