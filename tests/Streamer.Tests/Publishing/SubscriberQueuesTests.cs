using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Streamer.Tests.Media;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Publishing;

public sealed class SubscriberQueuesTests
{
    private const int QueueDeclareFailedEvent = 12;

    [Fact]
    public async Task DeclareAsync_NoQueues_ReturnsWithoutConnecting()
    {
        var queues = new SubscriberQueues(Options.Create(new RabbitOptions { Uri = $"amqp://127.0.0.1:{ClosedPort()}/" }), NullLogger<SubscriberQueues>.Instance, new FakeTimeProvider());

        var start = queues.DeclareAsync(CancellationToken.None);

        Assert.True(start.IsCompletedSuccessfully);
        await start;
    }

    [Fact]
    public async Task DeclareAsync_BrokerUnreachable_RetriesWithDoublingDelaysCappedAt30SecondsUntilStopped()
    {
        var time = new FakeTimeProvider();
        var logger = new RecordingLogger<SubscriberQueues>();
        var options = new RabbitOptions { Uri = $"amqp://guest:guest@127.0.0.1:{ClosedPort()}/", DeclareQueues = ["audit"] };
        var queues = new SubscriberQueues(Options.Create(options), logger, time);
        using var stop = new CancellationTokenSource();

        var start = queues.DeclareAsync(stop.Token);

        // Each wait is on the fake clock: step it on until eight tries have failed.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (logger.Values<TimeSpan>(QueueDeclareFailedEvent, "Delay").Count < 8)
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the retries.");
            Assert.False(start.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => start);
        int[] seconds = [1, 2, 4, 8, 16, 30, 30, 30];
        Assert.Equal(seconds.Select(s => TimeSpan.FromSeconds(s)), logger.Values<TimeSpan>(QueueDeclareFailedEvent, "Delay").Take(8));
    }

    [Fact]
    public async Task StartAsync_BrokerUnreachable_ReturnsAtOnceAndDeclaredWaits()
    {
        var options = new RabbitOptions { Uri = $"amqp://guest:guest@127.0.0.1:{ClosedPort()}/", DeclareQueues = ["audit"] };
        using var queues = new SubscriberQueues(Options.Create(options), NullLogger<SubscriberQueues>.Instance, new FakeTimeProvider());

        var start = queues.StartAsync(CancellationToken.None);
        await Task.Delay(200);

        // The host goes on starting (polling fills the outbox); publishing waits for the queues.
        Assert.True(start.IsCompletedSuccessfully);
        Assert.False(queues.Declared.IsCompleted);
        await queues.StopAsync(CancellationToken.None);
    }

    // A loopback port nothing listens on: connecting is refused at once.
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
