namespace Streamer.IntegrationTests.Broker;

/// <summary>A minimal message for exercising the broker without the product's contracts.</summary>
public sealed record SmokeMessage(Guid Id, int Sequence);
