using System.CommandLine;
using Streamer.Worker.Cli;

// The host handles SIGTERM/Ctrl+C itself (graceful shutdown); System.CommandLine must not race it.
return await StreamerCommands.InvokeAsync(args, new InvocationConfiguration { ProcessTerminationTimeout = null });
