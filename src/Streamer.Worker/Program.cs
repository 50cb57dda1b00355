using Streamer.Worker.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services
    .AddStreamerAccounts(builder.Configuration)
    .AddStreamerState(builder.Configuration)
    .AddStreamerPublisher(builder.Configuration)
    .AddStreamerPolling(builder.Configuration);

using var host = builder.Build();
await host.RunAsync();
