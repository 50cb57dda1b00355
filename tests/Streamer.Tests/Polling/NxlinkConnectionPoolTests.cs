using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Streamer.Nxlink;
using Streamer.Worker.Hosting;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Polling;

/// <summary>
/// Every account's requests go through the one nxlink handler the poller factory's client holds: one connection
/// pool per API host. That handler is never replaced, so its connections are renewed to follow DNS changes.
/// </summary>
public sealed class NxlinkConnectionPoolTests
{
    [Fact]
    public async Task AddStreamerPolling_NxlinkHandler_ConnectionsRenewedAndRedirectsNotFollowed()
    {
        await using var provider = Services();

        var handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(nameof(NxlinkClient));

        var sockets = Primary(handler);
        Assert.Equal(TimeSpan.FromMinutes(5), sockets.PooledConnectionLifetime);
        Assert.False(sockets.AllowAutoRedirect);
    }

    [Fact]
    public async Task AddStreamerPolling_RequestLimits_OneForTheInstance()
    {
        await using var provider = Services();

        Assert.Same(provider.GetRequiredService<RequestLimits>(), provider.GetRequiredService<RequestLimits>());
    }

    private static ServiceProvider Services()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddStreamerPolling(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }

    private static SocketsHttpHandler Primary(HttpMessageHandler handler)
    {
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        return Assert.IsType<SocketsHttpHandler>(handler);
    }
}
