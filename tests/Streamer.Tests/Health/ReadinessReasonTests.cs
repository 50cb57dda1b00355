using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Streamer.Nxlink;
using Streamer.Tests.Media;
using Streamer.Tests.Polling;
using Streamer.Worker;
using Streamer.Worker.Health;

namespace Streamer.Tests.Health;

/// <summary>The reasons <c>/healthz/ready</c> shows are Streamer's words: never the API's message nor another check's texts.</summary>
public sealed class ReadinessReasonTests : IDisposable
{
    private readonly TestMeterFactory meters = new();

    public void Dispose() => meters.Dispose();

    [Theory]
    [InlineData(21059, "configuration error: the API refused the app key (code 21059)")]
    [InlineData(1003, "configuration error: the API refused the signature (code 1003)")]
    [InlineData(1042, "configuration error: the API refused the credentials (code 1042)")]
    public async Task Failed_ApiRefusesWithAMessage_ReasonHoldsTheCodeNotTheMessage(int code, string expected)
    {
        const string apiText = "rejected key demo-access-key from 203.0.113.9";
        var error = await RefusedAsync(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent($$"""{"code":{{code}},"message":"{{apiText}}"}""", Encoding.UTF8, "application/json"),
        });
        var health = new AccountHealth(new FakeTimeProvider(), new StreamerMetrics(meters));

        health.Failed("demo", error);

        Assert.Contains(apiText, error.Message, StringComparison.Ordinal);
        Assert.Equal(expected, health.Of("demo").LastError);
    }

    [Fact]
    public async Task Failed_ApiRedirects_ReasonNamesTheStatusNotTheLocation()
    {
        var redirect = new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://elsewhere.example/?accessKey=x") } };
        var error = await RefusedAsync(redirect);
        var health = new AccountHealth(new FakeTimeProvider(), new StreamerMetrics(meters));

        health.Failed("demo", error);

        Assert.Equal("configuration error: the API redirected the request, redirects are not followed (HTTP 302)", health.Of("demo").LastError);
    }

    [Fact]
    public void ToJson_UntaggedCheck_FixedDescriptionWithoutItsTextOrException()
    {
        var report = Report(
            ("accounts", HealthStatus.Healthy, "1 account(s) polled within 3 intervals.", [HealthServer.ReadyTag, ReadyReport.DescribedTag]),
            ("masstransit-bus", HealthStatus.Degraded, "Degraded: rabbitmq://user:s3cr3t@10.1.2.3/ endpoint faulted", [HealthServer.ReadyTag]),
            ("someone-else", HealthStatus.Unhealthy, "connection string Server=db;Password=s3cr3t", [HealthServer.ReadyTag]));

        var checks = JsonDocument.Parse(ReadyReport.ToJson(report)).RootElement.GetProperty("checks");

        Assert.Equal("1 account(s) polled within 3 intervals.", checks.GetProperty("accounts").GetProperty("description").GetString());
        Assert.Equal("Degraded", checks.GetProperty("masstransit-bus").GetProperty("status").GetString());
        Assert.StartsWith("the bus is not connected", checks.GetProperty("masstransit-bus").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("not ready (see the worker log)", checks.GetProperty("someone-else").GetProperty("description").GetString());
        Assert.DoesNotContain("s3cr3t", Encoding.UTF8.GetString(ReadyReport.ToJson(report)), StringComparison.Ordinal);
    }

    private static async Task<NxlinkConfigurationException> RefusedAsync(HttpResponseMessage response)
    {
        var client = new NxlinkClient(new HttpClient(new StubHandler(() => response)), TimeProvider.System);
        var account = new NxlinkAccount("demo", new Uri("https://api.example"), "1", "demo-appkey", "demo-access-key", "demo-access-secret", TimeZoneInfo.Utc);
        return await Assert.ThrowsAsync<NxlinkConfigurationException>(() => client.GetPageAsync(account, new ChatRecordsQuery(), CancellationToken.None));
    }

    private static HealthReport Report(params (string Name, HealthStatus Status, string Description, string[] Tags)[] checks) => new(
        checks.ToDictionary(
            c => c.Name,
            c => new HealthReportEntry(c.Status, c.Description, TimeSpan.Zero, new InvalidOperationException($"{c.Name} failed: s3cr3t"), null, c.Tags)),
        TimeSpan.Zero);
}
