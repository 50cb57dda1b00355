using Microsoft.Extensions.Options;
using Streamer.Worker.Configuration;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Hosting;

/// <summary>
/// At start, one warning per account and for the broker that <c>AllowInsecureTransport</c> lets the worker reach
/// unencrypted on a host other than loopback: the setting is accepted, not forgotten. Hosts only, never URLs.
/// </summary>
internal sealed class InsecureTransportWarnings(
    IOptions<AccountsOptions> accounts,
    IOptions<RabbitOptions> rabbit,
    ILogger<InsecureTransportWarnings> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var account in accounts.Value.Items)
        {
            if (account.AllowInsecureTransport && Uri.TryCreate(account.BaseUrl, UriKind.Absolute, out var uri) &&
                uri.Scheme == Uri.UriSchemeHttp && !LoopbackHost.Is(uri.Host))
            {
                Log.InsecureAccountTransport(logger, account.Name, uri.Host);
            }
        }

        if (rabbit.Value.AllowInsecureTransport)
        {
            var address = AmqpAddress.Parse(rabbit.Value.Uri);
            if (!address.UseTls && !LoopbackHost.Is(address.Host))
            {
                Log.InsecureBrokerTransport(logger, address.Host);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
