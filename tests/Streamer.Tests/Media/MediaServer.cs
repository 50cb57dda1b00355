using System.Collections.Concurrent;
using System.Net;

namespace Streamer.Tests.Media;

/// <summary>
/// Serves media links by their path's name: each name answers as set with <see cref="Answer"/> (404 if
/// unset); requests to a held name wait until released. Counts requests in flight and their peak.
/// </summary>
public sealed class MediaServer : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Func<HttpResponseMessage>> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> heldNames = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TaskCompletionSource> waiting = new();
    private int active;
    private int peak;

    /// <summary>Names requested, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The most requests in flight at once so far.</summary>
    public int Peak => Volatile.Read(ref peak);

    /// <summary>Requests waiting to be released.</summary>
    public int Waiting => waiting.Count;

    public static HttpResponseMessage Ok(byte[] bytes) => new(HttpStatusCode.OK)
    {
        Content = new ByteArrayContent(bytes) { Headers = { ContentType = new("image/jpeg") } },
    };

    public void Answer(string name, Func<HttpResponseMessage> answer) => answers[name] = answer;

    public void Hold(string name) => heldNames[name] = true;

    /// <summary>Lets the longest waiting request go on.</summary>
    public void ReleaseOne()
    {
        if (waiting.TryDequeue(out var gate))
        {
            gate.TrySetResult();
        }
    }

    public int Count(string name) => Requests.Count(r => r == name);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var name = request.RequestUri!.AbsolutePath.Trim('/');
        var now = Interlocked.Increment(ref active);
        for (var seen = Volatile.Read(ref peak); now > seen; seen = Volatile.Read(ref peak))
        {
            Interlocked.CompareExchange(ref peak, now, seen);
        }

        Requests.Enqueue(name);
        try
        {
            if (heldNames.ContainsKey(name))
            {
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waiting.Enqueue(gate);
                await gate.Task.WaitAsync(cancellationToken);
            }

            return answers.TryGetValue(name, out var answer) ? answer() : new HttpResponseMessage(HttpStatusCode.NotFound);
        }
        finally
        {
            Interlocked.Decrement(ref active);
        }
    }
}
