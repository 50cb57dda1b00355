using Streamer.Simulator;

await SimulatorApp.Build(args).RunAsync();
