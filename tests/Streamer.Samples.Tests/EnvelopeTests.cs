using System.Text.Json;
using RabbitMQ.Client;
using Streamer.Contracts;
using Streamer.Testing;

namespace Streamer.Samples.Tests;

/// <summary>What docs/events.md says about the message as it sits on the broker, read raw with BasicGet.</summary>
[Collection(BrokerCollection.Name)]
public sealed class EnvelopeTests(RabbitMqBroker broker) : IAsyncLifetime
{
    private Uri amqp = null!;
    private IConnection connection = null!;
    private IChannel channel = null!;

    public async Task InitializeAsync()
    {
        amqp = await broker.CreateVirtualHostAsync("envelope");
        connection = await new ConnectionFactory { Uri = amqp }.CreateConnectionAsync();
        channel = await connection.CreateChannelAsync();
    }

    public async Task DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
        await broker.DeleteVirtualHostAsync(amqp);
    }

    [Fact]
    public async Task Publish_ChatMessageCreated_IsTheDocumentedMassTransitEnvelope()
    {
        var created = TestEvents.Created("r1", status: "sent", direction: ChatDirection.Inbound);
        await BindAsync("raw-created", "Streamer.Contracts:ChatMessageCreated");

        var (properties, json, body) = await PublishAndGetAsync(created, "raw-created");

        Assert.Equal("application/vnd.masstransit+json", properties.ContentType);
        Assert.Equal(DeliveryModes.Persistent, properties.DeliveryMode);
        Assert.Equal(created.EventId.ToString(), properties.MessageId);
        Assert.Equal(created.EventId, json.GetProperty("messageId").GetGuid());
        Assert.Equal(
            ["urn:message:Streamer.Contracts:ChatMessageCreated", "urn:message:Streamer.Contracts:ChatMessageEvent"],
            json.GetProperty("messageType").EnumerateArray().Select(e => e.GetString()));
        var message = json.GetProperty("message");
        Assert.Equal(created.EventId, message.GetProperty("eventId").GetGuid());
        Assert.Equal("wamid.r1", message.GetProperty("messageId").GetString());
        // Enums travel as numbers; compact JSON leaves out null properties (and the envelope's) and indentation.
        Assert.Equal(JsonValueKind.Number, message.GetProperty("direction").ValueKind);
        Assert.Equal((int)ChatDirection.Inbound, message.GetProperty("direction").GetInt32());
        Assert.False(message.TryGetProperty("emoji", out _));
        Assert.False(json.TryGetProperty("requestId", out _));
        Assert.DoesNotContain((byte)'\n', body);
        Assert.Equal(created.OccurredAt, message.GetProperty("occurredAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Publish_AnyChatMessageEvent_AlsoReachesTheBaseTypeExchange()
    {
        await BindAsync("raw-all", "Streamer.Contracts:ChatMessageEvent");
        var reaction = TestEvents.Reaction("r1", 2);

        var (_, json, _) = await PublishAndGetAsync(reaction, "raw-all");

        Assert.Equal(reaction.EventId, json.GetProperty("message").GetProperty("eventId").GetGuid());
        Assert.Equal((int)ReactionChange.Added, json.GetProperty("message").GetProperty("change").GetInt32());
    }

    [Fact]
    public async Task Publish_BothMediaOutcomes_ReachTheirBaseTypeExchangeWithOneId()
    {
        await BindAsync("raw-media", "Streamer.Contracts:ChatMediaArchiveOutcome");
        var id = Guid.NewGuid();
        ChatMediaArchiveOutcome[] outcomes =
        [
            new ChatMediaArchived
            {
                EventId = id, TenantId = TestEvents.Tenant, Account = "a", RecordId = "r1", MimeType = "image/jpeg", Size = 3,
                Sha256 = new string('a', 64), Location = "file:///media/aa/aa/" + new string('a', 64), ArchivedAt = TestEvents.At,
            },
            new ChatMediaArchiveFailed
            {
                EventId = id, TenantId = TestEvents.Tenant, Account = "a", RecordId = "r1", Reason = MediaArchiveFailure.LinkExpired,
                Detail = "HTTP 403 Forbidden", Attempts = 1, FailedAt = TestEvents.At,
            },
        ];

        foreach (var outcome in outcomes)
        {
            var (properties, json, _) = await PublishAndGetAsync(outcome, "raw-media");

            Assert.Equal(id.ToString(), properties.MessageId);
            Assert.Equal(
                [$"urn:message:Streamer.Contracts:{outcome.GetType().Name}", "urn:message:Streamer.Contracts:ChatMediaArchiveOutcome"],
                json.GetProperty("messageType").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal("r1", json.GetProperty("message").GetProperty("recordId").GetString());
        }
    }

    private async Task BindAsync(string queue, string exchange)
    {
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, string.Empty);
    }

    private async Task<(IReadOnlyBasicProperties Properties, JsonElement Json, byte[] Body)> PublishAndGetAsync(object message, string queue)
    {
        await using (var publisher = await ContractPublisher.StartAsync(amqp))
        {
            await publisher.PublishAsync(message);
        }

        var result = await channel.BasicGetAsync(queue, autoAck: true);
        Assert.NotNull(result);
        using var document = JsonDocument.Parse(result.Body);
        return (result.BasicProperties, document.RootElement.Clone(), result.Body.ToArray());
    }
}
