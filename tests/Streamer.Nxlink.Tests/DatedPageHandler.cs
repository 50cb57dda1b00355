using System.Net;

namespace Streamer.Nxlink.Tests;

/// <summary>Answers every request with the same body and a <c>Date</c> header, as a server with its own clock does.</summary>
public sealed class DatedPageHandler(byte[] body, DateTimeOffset date) : HttpMessageHandler
{
    /// <summary>Requests answered.</summary>
    public int Requests { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        response.Headers.Date = date;
        return Task.FromResult(response);
    }
}
