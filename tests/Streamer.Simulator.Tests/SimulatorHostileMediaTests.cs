using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>
/// <c>POST /_sim/hostile</c>'s media cases. Only the simulator itself on 127.0.0.1 is ever contacted; the link-local
/// address is checked as text.
/// </summary>
public sealed class SimulatorHostileMediaTests
{
    private static readonly DateTimeOffset Start = new(2025, 10, 16, 6, 0, 0, TimeSpan.Zero);
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Hostile_MediaLoopback_LinksToTheTargetOnTheSimulatorsPortWhichCountsEveryHit()
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));

        var result = await host.HostileAsync(HostileCases.MediaLoopback, count: 2);
        var served = await host.ServedAsync();
        var before = (await host.StatsAsync()).TargetHits;
        using var first = await host.Http.GetAsync(new Uri(served[0].MediaLink!));
        using var second = await host.Http.GetAsync(new Uri(served[1].MediaLink!));
        var after = (await host.StatsAsync()).TargetHits;

        Assert.Equal(result.Ids, result.Media);
        Assert.All(served, r => Assert.Equal(
            $"http://127.0.0.1:{host.BaseUrl.Port}/_sim/target/loopback/{r.Id}.png", r.MediaLink));
        Assert.All(served, r => Assert.Equal(("image", "image/png"), (r.MessageType, r.MimeType)));
        Assert.Equal(0, before);
        Assert.Equal(2, after);
        Assert.Equal("image/png", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(PngSignature, (await first.Content.ReadAsByteArrayAsync())[..8]);
        Assert.Equal(result.Ids.Order(), (await host.ChangesAsync()).Where(c => c.Kind == SimChangeKinds.Created).Select(c => c.RecordId).Order());
    }

    [Fact]
    public async Task Hostile_MediaLinkLocal_LinksToTheMetadataAddressAsADocument()
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));

        var result = await host.HostileAsync(HostileCases.MediaLinkLocal);
        var record = Assert.Single(await host.ServedAsync());
        var change = Assert.Single(await host.ChangesAsync());
        using var digest = await host.Http.GetAsync(new Uri($"/_sim/media-digest/{record.Id}", UriKind.Relative));

        Assert.Equal(Assert.Single(result.Media), record.Id);
        Assert.Equal("http://169.254.169.254/latest/meta-data/iam", record.MediaLink);
        Assert.Equal("document", record.MessageType);
        Assert.Equal((SimChangeKinds.Created, record.Id), (change.Kind, change.RecordId));
        Assert.Equal(HttpStatusCode.NotFound, digest.StatusCode);
    }

    [Fact]
    public async Task Hostile_MediaRedirect_Answers302ToTheTargetUnderTheOtherLoopbackNameOnTheSamePort()
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var result = await host.HostileAsync(HostileCases.MediaRedirect);
        var record = Assert.Single(await host.ServedAsync());
        using var byAddress = await http.GetAsync(new Uri(record.MediaLink!));
        using var byNameRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(record.MediaLink!));
        byNameRequest.Headers.Host = $"localhost:{host.BaseUrl.Port}";
        using var byName = await http.SendAsync(byNameRequest);

        Assert.Equal(Assert.Single(result.Media), record.Id);
        Assert.StartsWith($"http://127.0.0.1:{host.BaseUrl.Port}/_sim/media/{record.Id}/", record.MediaLink, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, byAddress.StatusCode);
        Assert.Equal(new Uri($"http://localhost:{host.BaseUrl.Port}/_sim/target/redirect/{record.Id}.png"), byAddress.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, byName.StatusCode);
        Assert.Equal(new Uri($"http://127.0.0.1:{host.BaseUrl.Port}/_sim/target/redirect/{record.Id}.png"), byName.Headers.Location);
        Assert.Equal(0, (await host.StatsAsync()).TargetHits);
    }

    [Fact]
    public async Task Hostile_SvgAsPng_ServesSvgBytesLabelledImagePng()
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));

        await host.HostileAsync(HostileCases.SvgAsPng);
        var record = Assert.Single(await host.ServedAsync());
        using var response = await host.Http.GetAsync(new Uri(record.MediaLink!));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var digest = await host.Http.GetFromJsonAsync($"/_sim/media-digest/{record.Id}", SimulatorJsonContext.Default.MediaDigest);

        Assert.Equal(("image", "image/png"), (record.MessageType, record.MimeType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("<svg xmlns=", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), digest!.Sha256);
    }

    [Fact]
    public async Task Hostile_AmzExpires_DownloadsWithoutAnExpiresParameterUntilAnHourAfterItsDate()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await SimulatorHost.StartAsync(time: time);

        var result = await host.HostileAsync(HostileCases.AmzExpires);
        var record = Assert.Single(await host.ServedAsync());
        var query = QueryHelpers.ParseQuery(new Uri(record.MediaLink!).Query);
        using var fresh = await host.Http.GetAsync(new Uri(record.MediaLink!));
        var bytes = await fresh.Content.ReadAsByteArrayAsync();
        var digest = await host.Http.GetFromJsonAsync($"/_sim/media-digest/{record.Id}", SimulatorJsonContext.Default.MediaDigest);
        var change = Assert.Single(await host.ChangesAsync());
        time.Advance(TimeSpan.FromMinutes(59));
        using var late = await host.Http.GetAsync(new Uri(record.MediaLink!));
        time.Advance(TimeSpan.FromMinutes(2));
        using var expired = await host.Http.GetAsync(new Uri(record.MediaLink!));

        Assert.Equal(Assert.Single(result.Media), record.Id);
        Assert.StartsWith($"{host.BaseUrl.ToString().TrimEnd('/')}/_sim/media/{record.Id}/", record.MediaLink, StringComparison.Ordinal);
        Assert.Equal(Start.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), query["X-Amz-Date"]);
        Assert.Equal("3600", query["X-Amz-Expires"]);
        Assert.DoesNotContain("Expires", query.Keys);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(digest!.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(Start.AddHours(1).ToUnixTimeSeconds(), change.MediaExpires);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
    }

    [Fact]
    public async Task Hostile_AmzExpiresWithAnotherDate_IsRefusedAsBadlySigned()
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));

        await host.HostileAsync(HostileCases.AmzExpires);
        var link = Assert.Single(await host.ServedAsync()).MediaLink!;
        var date = Start.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        using var moved = await host.Http.GetAsync(new Uri(link.Replace(date, Start.AddDays(1).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Forbidden, moved.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await moved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
