using System.Net;
using Microsoft.Extensions.Time.Testing;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>Media links are served while valid and refused like a storage bucket's once expired or tampered with.</summary>
public sealed class SimulatorMediaTests
{
    private static readonly DateTimeOffset Start = new(2025, 10, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MediaLink_ValidThenExpired_Serves200Then403()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 3, time);
        await host.BacklogAsync(600, TimeSpan.FromMinutes(10));
        var records = await host.AllRecordsAsync(new ChatRecordsQuery { Ascending = true });
        var media = records.Where(r => r.MediaLink is not null).ToList();

        var types = media.Select(r => r.MessageType).Distinct().ToList();
        Assert.Contains("image", types);
        foreach (var record in media.GroupBy(r => r.MessageType).Select(g => g.First()))
        {
            Assert.StartsWith(host.BaseUrl.ToString().TrimEnd('/') + "/_sim/media/" + record.Id + "/", record.MediaLink, StringComparison.Ordinal);
            using var response = await host.Http.GetAsync(new Uri(record.MediaLink!));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(record.MimeType, response.Content.Headers.ContentType!.MediaType);
            var size = (await response.Content.ReadAsByteArrayAsync()).Length;
            var (min, max) = record.MessageType switch
            {
                "image" => (30_000, 300_000),
                "audio" => (50_000, 500_000),
                "video" => (500_000, 3_000_000),
                _ => (20_000, 800_000),
            };
            Assert.InRange(size, min, max);
        }

        time.Advance(TimeSpan.FromMinutes(61));
        using var expired = await host.Http.GetAsync(new Uri(media[^1].MediaLink!));

        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Contains("<Code>AccessDenied</Code>", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MediaLink_SameRecordTwice_ServesIdenticalBytes()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 4, time);
        await host.BacklogAsync(300, TimeSpan.FromMinutes(5));
        var record = (await host.AllRecordsAsync(new ChatRecordsQuery())).First(r => r.MediaLink is not null);

        var first = await host.Http.GetByteArrayAsync(new Uri(record.MediaLink!));
        var second = await host.Http.GetByteArrayAsync(new Uri(record.MediaLink!));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task MediaLink_TamperedSignatureOrExpires_Returns403()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 4, time);
        await host.BacklogAsync(300, TimeSpan.FromMinutes(5));
        var link = (await host.AllRecordsAsync(new ChatRecordsQuery())).First(r => r.MediaLink is not null).MediaLink!;
        var sig = link[(link.IndexOf("&sig=", StringComparison.Ordinal) + 5)..];
        var expires = link[(link.IndexOf("Expires=", StringComparison.Ordinal) + 8)..link.IndexOf('&', StringComparison.Ordinal)];

        using var badSig = await host.Http.GetAsync(new Uri(link.Replace(sig, new string('0', sig.Length), StringComparison.Ordinal)));
        using var laterExpiry = await host.Http.GetAsync(new Uri(link.Replace("Expires=" + expires, "Expires=" + (long.Parse(expires, System.Globalization.CultureInfo.InvariantCulture) + 3600), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Forbidden, badSig.StatusCode);
        Assert.Contains("SignatureDoesNotMatch", await badSig.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, laterExpiry.StatusCode);
    }

    [Fact]
    public async Task MediaLink_ExpiresSixtyMinutesAfterCreation()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 4, time);
        await host.BacklogAsync(300, TimeSpan.FromMinutes(5));
        var record = (await host.AllRecordsAsync(new ChatRecordsQuery())).First(r => r.MediaLink is not null);

        var expires = long.Parse(
            new Uri(record.MediaLink!).Query.Split('&').Single(p => p.TrimStart('?').StartsWith("Expires=", StringComparison.Ordinal)).Split('=')[1],
            System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(NxlinkTime.Parse(record.CreatedAt, SimulatorHost.Zone)!.Value.AddMinutes(60).ToUnixTimeSeconds(), expires);
    }
}
