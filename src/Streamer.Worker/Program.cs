using System.CommandLine;
using Streamer.Worker.Cli;
using Streamer.Worker.Hosting;

// First of all: the warm-up runs on the other core while the command line is parsed and the host is built.
StartupWarmup.Start();

// The host handles SIGTERM/Ctrl+C itself (graceful shutdown); System.CommandLine must not race it.
return await StreamerCommands.InvokeAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = null });
