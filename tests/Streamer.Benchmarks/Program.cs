using Streamer.Benchmarks;
using Streamer.Benchmarks.Sections;

BenchArguments arguments;
try
{
    arguments = BenchArguments.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"bench: {ex.Message}");
    return 2;
}

return arguments.Child switch
{
    null => await BenchRun.RunAsync(arguments),
    "store" => await StoreChild.RunAsync(arguments),
    "ceiling" => await ColdCeilingChild.RunAsync(),
    _ => 2,
};
