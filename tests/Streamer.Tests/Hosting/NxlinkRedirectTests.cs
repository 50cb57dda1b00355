using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Streamer.Nxlink;
using Streamer.Worker.Hosting;

namespace Streamer.Tests.Hosting;

/// <summary>
/// The worker's nxlink client never follows a redirect: it would carry the access key and signature to
/// wherever the redirect points. A loopback server redirects the chat records path to a second path that
/// answers a valid page, so a followed redirect would succeed.
/// </summary>
public sealed class NxlinkRedirectTests : IAsyncLifetime
{
    private const string Elsewhere = "/elsewhere";

    private WebApplication? server;
    private int followed;
    private int status;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        server = builder.Build();
        server.MapGet(NxlinkHeaders.ChatRecordsPath, (RequestDelegate)(context =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = $"{Elsewhere}{NxlinkHeaders.ChatRecordsPath}{context.Request.QueryString}";
            return Task.CompletedTask;
        }));
        server.MapGet(Elsewhere + NxlinkHeaders.ChatRecordsPath, (RequestDelegate)(context =>
        {
            Interlocked.Increment(ref followed);
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""{"code":0,"message":"ok","total":0,"list":[]}""");
        }));
        await server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task GetPageAsync_ApiRedirects_NotFollowedAndFailsNamingTheStatus(int redirect)
    {
        status = redirect;
        var baseUrl = new Uri(server!.Urls.Single());
        await using var provider = Services();
        var client = provider.GetRequiredService<NxlinkClient>();
        var account = new NxlinkAccount("demo", baseUrl, "1", "demo-appkey", "demo-access-key", "demo-access-secret", TimeZoneInfo.Utc);

        var error = await Assert.ThrowsAsync<NxlinkConfigurationException>(() => client.GetPageAsync(account, new ChatRecordsQuery(), CancellationToken.None));

        Assert.Equal(0, Volatile.Read(ref followed));
        Assert.Equal(redirect, error.HttpStatus);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"HTTP {redirect}"), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Elsewhere, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPageAsync_ElsewhereDirectly_AnswersAPage()
    {
        // The redirect target is a working API: only the redirect itself stops the tests above.
        var baseUrl = new Uri(new Uri(server!.Urls.Single()), Elsewhere);
        await using var provider = Services();
        var client = provider.GetRequiredService<NxlinkClient>();
        var account = new NxlinkAccount("demo", baseUrl, "1", "demo-appkey", "demo-access-key", "demo-access-secret", TimeZoneInfo.Utc);

        var page = await client.GetPageAsync(account, new ChatRecordsQuery(), CancellationToken.None);

        Assert.Equal(0, page.Total);
        Assert.Equal(1, Volatile.Read(ref followed));
    }

    // The client as the worker registers it.
    private static ServiceProvider Services()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddStreamerPolling(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider();
    }
}
