using System.Diagnostics;

namespace Streamer.Worker.Telemetry;

/// <summary>
/// The worker's own spans (<see cref="ActivitySource"/> "Streamer"): a poll of an account, the read of one of its
/// slices, each page request, the detection of a slice, its commit, and each publish by the outbox relay. A
/// publish runs later than the poll that detected its event, on the relay: it is a child of the detect span
/// through the trace context stored with the outbox entry. Tags hold the account name, counts and times: never
/// a record's contents, a phone number or a secret. Without a listener (no tracing configured) every
/// <c>Start…</c> returns null and costs nothing more.
/// </summary>
public static class StreamerActivities
{
    /// <summary>The name of the source, for <c>TracerProviderBuilder.AddSource</c>.</summary>
    public const string SourceName = "Streamer";

    /// <summary>The account a span works for (the configured name).</summary>
    public const string AccountTag = "streamer.account";

    private static readonly ActivitySource Source = new(SourceName, typeof(StreamerActivities).Assembly.GetName().Version?.ToString());

    /// <summary>True while a tracer listens to the source.</summary>
    public static bool IsTraced => Source.HasListeners();

    /// <summary>One poll of an account: plan, read, detect, commit.</summary>
    public static Activity? StartPoll(string account)
    {
        var activity = Source.StartActivity("poll");
        activity?.SetTag(AccountTag, account);
        return activity;
    }

    /// <summary>The read of a slice of a window, with its page requests.</summary>
    public static Activity? StartSlice(string account, DateTimeOffset from, DateTimeOffset to)
    {
        var activity = Source.StartActivity("slice");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(AccountTag, account);
            activity.SetTag("streamer.slice.from", from.ToUniversalTime().ToString("o", System.Globalization.CultureInfo.InvariantCulture));
            activity.SetTag("streamer.slice.to", to.ToUniversalTime().ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        }

        return activity;
    }

    /// <summary>One page of the chat records API, with its retries (HttpClient's spans are its children).</summary>
    public static Activity? StartPage(string account, int page)
    {
        var activity = Source.StartActivity("page request", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(AccountTag, account);
            activity.SetTag("streamer.page.number", page);
        }

        return activity;
    }

    /// <summary>The detection of a slice's records: each compared with its last state and its events encoded.</summary>
    public static Activity? StartDetect(string account, int records)
    {
        var activity = Source.StartActivity("detect");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(AccountTag, account);
            activity.SetTag("streamer.records", records);
        }

        return activity;
    }

    /// <summary>The commit of a slice: states, cursor, media jobs and outbox entries in one transaction.</summary>
    public static Activity? StartCommit(string account, int events)
    {
        var activity = Source.StartActivity("commit");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(AccountTag, account);
            activity.SetTag("streamer.events", events);
        }

        return activity;
    }

    /// <summary>
    /// The publish of one outbox entry, a child of the span that detected it when <paramref name="traceParent"/>
    /// holds its W3C context (a root otherwise). MassTransit's send span is its child, and the message carries
    /// this span's context in <c>traceparent</c>.
    /// </summary>
    public static Activity? StartPublish(string account, string type, string? traceParent, string? traceState)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(traceParent, traceState, isRemote: false, out var parent);
        var activity = Source.StartActivity("publish", ActivityKind.Internal, parent);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(AccountTag, account);
            activity.SetTag("streamer.event.type", type);
        }

        return activity;
    }

    /// <summary>The W3C trace context of the current activity, to store with what it produced; nulls without one.</summary>
    public static (string? TraceParent, string? TraceState) CurrentContext() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? (current.Id, current.TraceStateString) : (null, null);
}
