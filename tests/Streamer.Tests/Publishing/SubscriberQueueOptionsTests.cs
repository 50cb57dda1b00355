using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streamer.Worker.Hosting;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Publishing;

public sealed class SubscriberQueueOptionsTests
{
    [Fact]
    public void Bind_NamesAndEntries_BothForms()
    {
        var options = Rabbit(new Dictionary<string, string?>
        {
            ["Rabbit:DeclareQueues:0"] = "analytics",
            ["Rabbit:DeclareQueues:1:Name"] = "crm",
            ["Rabbit:DeclareQueues:1:Type"] = "quorum",
            ["Rabbit:DeclareQueues:1:DeadLetterExchange"] = "crm-dead",
            ["Rabbit:DeclareQueues:1:SingleActiveConsumer"] = "true",
            ["Rabbit:DeclareQueues:1:DeliveryLimit"] = "5",
        });

        Assert.Equal(["analytics", "crm"], options.DeclareQueues.Select(q => q.Name));
        Assert.Equal(SubscriberQueueType.Classic, options.DeclareQueues[0].Type);
        Assert.Empty(options.DeclareQueues[0].Arguments());
        Assert.Equal(
            new Dictionary<string, object?> { ["x-queue-type"] = "quorum", ["x-dead-letter-exchange"] = "crm-dead", ["x-single-active-consumer"] = true, ["x-delivery-limit"] = 5 },
            options.DeclareQueues[1].Arguments());
    }

    [Fact]
    public void Arguments_Stream_QueueTypeOnly()
    {
        var stream = new SubscriberQueueOptions { Name = "audit", Type = SubscriberQueueType.Stream };

        Assert.Equal(new Dictionary<string, object?> { ["x-queue-type"] = "stream" }, stream.Arguments());
    }

    [Theory]
    [InlineData("Stream", "DeadLetterExchange", "dead", "Rabbit:DeclareQueues:0:DeadLetterExchange: a stream queue does not dead-letter")]
    [InlineData("Stream", "SingleActiveConsumer", "true", "Rabbit:DeclareQueues:0:SingleActiveConsumer: a stream queue takes no x-single-active-consumer")]
    [InlineData("Stream", "DeliveryLimit", "3", "Rabbit:DeclareQueues:0:DeliveryLimit: only quorum queues count deliveries")]
    [InlineData("Classic", "DeliveryLimit", "3", "Rabbit:DeclareQueues:0:DeliveryLimit: only quorum queues count deliveries")]
    [InlineData("Quorum", "DeliveryLimit", "-1", "Rabbit:DeclareQueues:0:DeliveryLimit must be 0 or more.")]
    [InlineData("Quorum", "Name", "amq.gen", "Rabbit:DeclareQueues:0:Name: names starting with 'amq.' are reserved")]
    [InlineData("7", "Name", "audit", "Rabbit:DeclareQueues:0:Type must be Classic, Quorum or Stream.")]
    [InlineData("-1", "Name", "audit", "Rabbit:DeclareQueues:0:Type must be Classic, Quorum or Stream.")]
    public void Validate_CombinationTheBrokerRefuses_FailsTheStartNamingIt(string type, string key, string value, string failure)
    {
        var settings = new Dictionary<string, string?> { ["Rabbit:DeclareQueues:0:Name"] = "audit", ["Rabbit:DeclareQueues:0:Type"] = type };
        settings[$"Rabbit:DeclareQueues:0:{key}"] = value;

        var ex = Assert.Throws<OptionsValidationException>(() => Rabbit(settings));

        Assert.Contains(ex.Failures, f => f.Contains(failure, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SameQueueTwice_FailsTheStart()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Rabbit(new Dictionary<string, string?> { ["Rabbit:DeclareQueues:0"] = "crm", ["Rabbit:DeclareQueues:1:Name"] = "crm" }));

        Assert.Contains(ex.Failures, f => f.Contains("Rabbit:DeclareQueues: the queue 'crm' is listed more than once.", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EveryTypeWithWhatItSupports_Passes()
    {
        var options = Rabbit(new Dictionary<string, string?>
        {
            ["Rabbit:DeclareQueues:0:Name"] = "a",
            ["Rabbit:DeclareQueues:0:DeadLetterExchange"] = "dead",
            ["Rabbit:DeclareQueues:0:SingleActiveConsumer"] = "true",
            ["Rabbit:DeclareQueues:1:Name"] = "b",
            ["Rabbit:DeclareQueues:1:Type"] = "Quorum",
            ["Rabbit:DeclareQueues:1:DeliveryLimit"] = "0",
            ["Rabbit:DeclareQueues:2:Name"] = "c",
            ["Rabbit:DeclareQueues:2:Type"] = "Stream",
        });

        Assert.Equal([SubscriberQueueType.Classic, SubscriberQueueType.Quorum, SubscriberQueueType.Stream], options.DeclareQueues.Select(q => q.Type));
    }

    private static RabbitOptions Rabbit(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddStreamerPublisher(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<RabbitOptions>>().Value;
    }
}
