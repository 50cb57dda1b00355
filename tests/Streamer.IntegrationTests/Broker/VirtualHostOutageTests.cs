using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Broker;

/// <summary>
/// What the outage of one virtual host (<see cref="RabbitMqBroker.StopVirtualHostAsync(Uri)"/>) really does,
/// checked with plain RabbitMQ.Client connections: the tests that use it in place of stopping the broker rely
/// on exactly this.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class VirtualHostOutageTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task StopVirtualHost_OpenConnectionsClosedNewOnesRefusedUntilStartOtherVirtualHostsUntouched()
    {
        var down = await broker.CreateVirtualHostAsync("outage-down");
        var other = await broker.CreateVirtualHostAsync("outage-other");
        try
        {
            // One connection long open (listed by the management statistics), one opened just before the outage
            // (not listed yet: the outage must find it all the same), and one in another virtual host.
            await using var old = await ConnectAsync(down);
            await using var bystander = await ConnectAsync(other);
            await Task.Delay(TimeSpan.FromSeconds(6));
            await using var fresh = await ConnectAsync(down);

            var began = DateTime.UtcNow;
            await broker.StopVirtualHostAsync(down);
            output.WriteLine($"StopVirtualHostAsync took {(DateTime.UtcNow - began).TotalSeconds:0.0} s; the old connection was closed after {old.ClosedAfter(began):0.0} s, the fresh one after {fresh.ClosedAfter(began):0.0} s");

            // Closed by the broker, as a broker shutting down closes them (320 CONNECTION_FORCED).
            foreach (var closed in new[] { old, fresh })
            {
                var reason = await closed.Shutdown.WaitAsync(Deadline);
                Assert.Equal(ShutdownInitiator.Peer, reason.Initiator);
                Assert.Equal(Constants.ConnectionForced, reason.ReplyCode);
            }

            // New connections are refused by the broker (530 NOT_ALLOWED: the limit of 0 connections), for as
            // long as the outage lasts, not only at its start.
            AssertRefused(await RabbitMqBroker.TryOpenChannelAsync(down));
            await Task.Delay(TimeSpan.FromSeconds(3));
            AssertRefused(await RabbitMqBroker.TryOpenChannelAsync(down));

            // The other virtual host: its connection stays open and a new one works meanwhile.
            Assert.True(bystander.Connection.IsOpen);
            Assert.False(bystander.Shutdown.IsCompleted);
            Assert.Null(await RabbitMqBroker.TryOpenChannelAsync(other));

            await broker.StartVirtualHostAsync(down);

            Assert.Null(await RabbitMqBroker.TryOpenChannelAsync(down));
            await using var after = await ConnectAsync(down);
            await using var channel = await after.Connection.CreateChannelAsync();
            var queue = await channel.QueueDeclareAsync(exclusive: true);
            Assert.Equal(0u, queue.MessageCount);
            Assert.True(bystander.Connection.IsOpen);
        }
        finally
        {
            await broker.DeleteVirtualHostAsync(down);
            await broker.DeleteVirtualHostAsync(other);
        }
    }

    [Fact]
    public async Task StopVirtualHost_DefaultVirtualHost_Refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => broker.StopVirtualHostAsync(broker.AmqpUri));
    }

    private static void AssertRefused(Exception? failure)
    {
        Assert.NotNull(failure);
        var interrupted = Chain(failure).OfType<OperationInterruptedException>().FirstOrDefault(e => e.ShutdownReason is not null);
        Assert.True(interrupted is not null, $"not refused by the broker: {failure}");
        Assert.Equal(Constants.NotAllowed, interrupted.ShutdownReason!.ReplyCode);
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            yield return exception;
        }
    }

    private static async Task<Watched> ConnectAsync(Uri uri)
    {
        var factory = new ConnectionFactory { Uri = uri, AutomaticRecoveryEnabled = false };
        var connection = await factory.CreateConnectionAsync();
        var watched = new Watched(connection);

        // The connection works: a refusal would surface here rather than later.
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.CloseAsync();
        }

        return watched;
    }

    private sealed class Watched : IAsyncDisposable
    {
        private readonly TaskCompletionSource<ShutdownEventArgs> shutdown = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private DateTime? closedAt;

        public Watched(IConnection connection)
        {
            Connection = connection;
            connection.ConnectionShutdownAsync += (_, e) =>
            {
                closedAt ??= DateTime.UtcNow;
                shutdown.TrySetResult(e);
                return Task.CompletedTask;
            };
        }

        public IConnection Connection { get; }

        public Task<ShutdownEventArgs> Shutdown => shutdown.Task;

        // Seconds from since to its closing (NaN while it is open).
        public double ClosedAfter(DateTime since) => closedAt is { } at ? (at - since).TotalSeconds : double.NaN;

        public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
    }
}
