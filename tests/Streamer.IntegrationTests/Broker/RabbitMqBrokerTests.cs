using RabbitMQ.Client;
using Streamer.Testing;

namespace Streamer.IntegrationTests.Broker;

[Collection(BrokerCollection.Name)]
public sealed class RabbitMqBrokerTests(RabbitMqBroker broker)
{
    [Fact]
    public async Task CreateVirtualHostAsync_WithPrefix_ReturnsUsableUriOfNewVirtualHost()
    {
        var host = await broker.CreateVirtualHostAsync("Fixture Check");
        var name = RabbitMqBroker.VirtualHostOf(host);
        try
        {
            Assert.StartsWith("t-fixture-check-", name, StringComparison.Ordinal);
            Assert.True(await broker.VirtualHostExistsAsync(name));

            var factory = new ConnectionFactory { Uri = host, AutomaticRecoveryEnabled = false };
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            var queue = await channel.QueueDeclareAsync(exclusive: true);
            Assert.Equal(0u, queue.MessageCount);
        }
        finally
        {
            await broker.DeleteVirtualHostAsync(host);
        }

        Assert.False(await broker.VirtualHostExistsAsync(name));
    }

    [Fact]
    public async Task DeleteVirtualHostAsync_UnknownVirtualHost_DoesNotThrow()
    {
        await broker.DeleteVirtualHostAsync("t-never-created-00000000");

        Assert.False(await broker.VirtualHostExistsAsync("t-never-created-00000000"));
    }
}
