using System.Diagnostics;
using OpenTelemetry;

namespace Streamer.Tests.Hosting;

/// <summary>Keeps the spans a tracer provider ended, as an exporter would get them.</summary>
internal sealed class SpanCollector : BaseProcessor<Activity>
{
    private readonly List<Activity> ended = [];

    public IReadOnlyList<Activity> Ended
    {
        get
        {
            lock (ended)
            {
                return [.. ended];
            }
        }
    }

    public override void OnEnd(Activity data)
    {
        lock (ended)
        {
            ended.Add(data);
        }
    }
}
