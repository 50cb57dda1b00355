using System.Net;

namespace Streamer.Nxlink.Tests;

/// <summary>Answers every request with 200 and the same content object.</summary>
public sealed class ContentPageHandler(HttpContent content) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
}
