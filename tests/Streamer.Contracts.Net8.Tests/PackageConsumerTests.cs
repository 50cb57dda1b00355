using System.Reflection;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Streamer.Contracts.Net8.Tests;

/// <summary>
/// A .NET 8 subscriber built on the Streamer.Contracts package: every event type, put on the real broker as
/// Streamer puts it there (exchange, content type, message id, the captured envelope), reaches its MassTransit
/// consumer as the contract record, with every field the message carries.
/// </summary>
public sealed class PackageConsumerTests(BrokerVirtualHost broker) : IClassFixture<BrokerVirtualHost>
{
    private static readonly TimeSpan DeliveredWithin = TimeSpan.FromSeconds(60);

    // The wire form: camelCase, enums as numbers (MassTransit's defaults, which Streamer keeps).
    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web);

    private static IReadOnlyList<Type> EventTypes =>
        [.. typeof(ChatMessageEvent).Assembly.GetExportedTypes().Where(t => !t.IsAbstract && t.GetProperty("EventId") is not null)];

    [Fact]
    public void Package_OnThisRuntime_IsItsNet8Build()
    {
        var assembly = typeof(ChatMessageCreated).Assembly;

        Assert.Equal(8, Environment.Version.Major);
        Assert.Equal(".NETCoreApp,Version=v8.0", assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName);

        // MinVer stamps the package version; the repository's project build would carry the same, so the folder tells them apart.
        Assert.Contains($"{Path.DirectorySeparatorChar}streamer.contracts{Path.DirectorySeparatorChar}", NuGetOrigin(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consumer_OnDotnet8_ReadsEveryEventTypeFromTheBroker()
    {
        var examples = WireExample.FromEventCatalogue(EventTypes);
        Assert.Equal(EventTypes.Select(t => t.Name).Order(StringComparer.Ordinal), examples.Select(e => e.TypeName).Distinct().Order(StringComparer.Ordinal));

        var received = new Received();
        var services = new ServiceCollection();
        services.AddSingleton(received);
        services.AddMassTransit(bus =>
        {
            foreach (var type in EventTypes)
            {
                bus.AddConsumer(typeof(Collector<>).MakeGenericType(type));
            }

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(broker.Host, (ushort)broker.Port, broker.Name, h =>
                {
                    h.Username(broker.UserName);
                    h.Password(broker.Password);
                });
                rabbit.ReceiveEndpoint("net8-subscriber", endpoint => endpoint.ConfigureConsumers(context));
            });
        });
        await using var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(new CancellationTokenSource(DeliveredWithin).Token);
        try
        {
            await PublishAsStreamerDoesAsync(examples);
            await WaitUntilAsync(() => received.Messages.Count >= examples.Count);
        }
        finally
        {
            await bus.StopAsync();
        }

        Assert.Equal(examples.Count, received.Messages.Count);
        foreach (var example in examples)
        {
            var message = received.Messages[Guid.Parse(example.MessageId)];
            Assert.Equal(example.TypeName, message.GetType().Name);
            var read = JsonSerializer.SerializeToNode(message, message.GetType(), Wire)!.AsObject();
            foreach (var (name, expected) in example.Message)
            {
                Assert.True(JsonNode.DeepEquals(expected, read[name]), $"{example.TypeName}.{name}: the message has {expected?.ToJsonString()}, the consumer read {read[name]?.ToJsonString()}.");
            }
        }
    }

    // Streamer publishes each event to the fanout exchange of its type, persistent, with the event id as message id.
    private async Task PublishAsStreamerDoesAsync(IReadOnlyList<WireExample> examples)
    {
        var factory = new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.Name,
            UserName = broker.UserName,
            Password = broker.Password,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        foreach (var example in examples)
        {
            var properties = new BasicProperties
            {
                ContentType = "application/vnd.masstransit+json",
                MessageId = example.MessageId,
                DeliveryMode = DeliveryModes.Persistent,
            };
            await channel.BasicPublishAsync($"Streamer.Contracts:{example.TypeName}", string.Empty, mandatory: true, properties, Encoding.UTF8.GetBytes(example.Body));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + DeliveredWithin;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }

    private static string NuGetOrigin()
    {
        // The build copies the package's lib/net8.0 assembly; its deps.json names the package it came from.
        var deps = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Streamer.Contracts.Net8.Tests.deps.json"));
        using var document = JsonDocument.Parse(deps);
        var library = document.RootElement.GetProperty("libraries").EnumerateObject().Single(l => l.Name.StartsWith("Streamer.Contracts/", StringComparison.Ordinal));
        Assert.Equal("package", library.Value.GetProperty("type").GetString());
        return Path.DirectorySeparatorChar + library.Value.GetProperty("path").GetString()!.Replace('/', Path.DirectorySeparatorChar);
    }
}
