using Streamer.Benchmarks.Infrastructure;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// The ceiling in a fresh process (<c>--child ceiling</c>), so that it starts cold as the worker does: connects the bus,
/// reads and publishes the whole backlog (<see cref="CeilingPublisher"/>), and exits. The parent times it from the
/// process start until the queue holds every record's event. The broker and the API come in environment variables.
/// </summary>
public static class ColdCeilingChild
{
    /// <summary>The variable with the broker's URI (the lease's virtual host).</summary>
    public const string BrokerVariable = "BENCH_CEILING_BROKER";

    /// <summary>The variable with the simulator's base URL.</summary>
    public const string ApiVariable = "BENCH_CEILING_API";

    /// <summary>The variable with the publishes to keep in flight.</summary>
    public const string InFlightVariable = "BENCH_CEILING_IN_FLIGHT";

    /// <summary>Runs the child; prints the publishes confirmed.</summary>
    public static async Task<int> RunAsync()
    {
        var broker = new Uri(Required(BrokerVariable));
        var account = BenchSimulator.AccountAt(new Uri(Required(ApiVariable)));
        var inFlight = int.Parse(Required(InFlightVariable), System.Globalization.CultureInfo.InvariantCulture);
        var bus = await MassTransitPublishBenchmark.StartBusAsync(broker, compact: true);
        try
        {
            var published = await CeilingPublisher.ReadAndPublishAsync(bus, account, inFlight);
            Console.Out.WriteLine($"published {published}");
        }
        finally
        {
            await bus.StopAsync();
        }

        return 0;
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new ArgumentException($"{name} is required");
}
