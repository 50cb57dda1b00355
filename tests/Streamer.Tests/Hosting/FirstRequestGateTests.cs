using System.Net;
using Microsoft.Extensions.Time.Testing;
using Streamer.Worker.Hosting;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Hosting;

public sealed class FirstRequestGateTests
{
    [Fact]
    public async Task WaitAsync_FirstRequestAnswered_Completes()
    {
        var time = new FakeTimeProvider();
        var gate = new FirstRequestGate(time);
        using var signal = new FirstRequestSignal(gate) { InnerHandler = new Answering(HttpStatusCode.OK) };
        using var client = new HttpClient(signal);

        var waiting = gate.WaitAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        using var response = await client.GetAsync(new Uri("http://127.0.0.1/chat/records"));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(gate.IsSet);
    }

    [Fact]
    public async Task WaitAsync_FirstRequestFailed_Completes()
    {
        var gate = new FirstRequestGate(new FakeTimeProvider());
        using var signal = new FirstRequestSignal(gate) { InnerHandler = new Failing() };
        using var client = new HttpClient(signal);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("http://127.0.0.1/chat/records")));

        Assert.True(gate.IsSet);
        Assert.True(gate.WaitAsync(CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitAsync_NoRequest_CompletesAfterMaxWait()
    {
        var time = new FakeTimeProvider();
        var gate = new FirstRequestGate(time);

        var waiting = gate.WaitAsync(CancellationToken.None);
        time.Advance(FirstRequestGate.MaxWait - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(gate.IsSet);
    }

    [Fact]
    public async Task WaitAsync_Cancelled_Throws()
    {
        var gate = new FirstRequestGate(new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();

        var waiting = gate.WaitAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    private sealed class Answering(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status));
    }

    private sealed class Failing : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException("connection refused"));
    }
}
