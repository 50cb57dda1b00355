namespace Streamer.Tests.Media;

/// <summary>Answers every request with the next response of a script; counts the requests.</summary>
public sealed class StubHandler(params Func<HttpResponseMessage>[] responses) : HttpMessageHandler
{
    public int Requests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = responses[Math.Min(Requests, responses.Length - 1)]();
        Requests++;
        return Task.FromResult(response);
    }
}
