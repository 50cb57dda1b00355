using System.Net;

namespace Streamer.Nxlink.Tests;

/// <summary>Answers every request with the same body, byte for byte.</summary>
public sealed class StubPageHandler(byte[] body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
}
