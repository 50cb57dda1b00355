using Streamer.Simulator;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// The long run behind eng/soak.sh (not part of eng/test.sh, which filters Category=Soak out): live
/// traffic, many hard kills at random points, a broker restart every 20 kills, then the same exact
/// comparison with the ground truth. STREAMER_SOAK_KILLS sets the number of kills (100 by default).
/// </summary>
[Collection(BrokerCollection.Name)]
[Trait("Category", "Soak")]
public sealed class SoakTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    [Fact]
    public async Task Soak_HardKillsAndBrokerRestarts_ExactGroundTruth()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("STREAMER_SOAK_KILLS"), out var k) ? k : 100;
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 97, o => o.MinChangeGap = TimeSpan.FromSeconds(45));
        var random = new Random(97);
        var restarts = 0;
        var started = DateTime.UtcNow;

        var (expected, truth) = await scenario.RunAsync(0, 100, output.WriteLine, async s =>
        {
            for (var kill = 1; kill <= kills; kill++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1 + (random.NextDouble() * 5)));
                await s.Worker.KillAsync();
                if (kill % 20 == 0)
                {
                    await broker.StopBrokerAsync();
                    await Task.Delay(TimeSpan.FromSeconds(5));
                    await broker.StartBrokerAsync();
                    restarts++;
                }

                s.Worker.Start();
            }

            await s.Simulator.Http.DeleteAsync("/_sim/traffic");
        });

        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        var duplicates = comparison.Deliveries - comparison.Distinct;
        output.WriteLine($"soak: {DateTime.UtcNow - started:hh\\:mm\\:ss}, kills {kills}, broker restarts {restarts}, changes {truth.Count}, expected events {expected.Count}, delivered {comparison.Deliveries}, duplicates {duplicates}, lost {comparison.Missing.Count}, extra {comparison.Extra.Count}");
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }
}
