using System.Globalization;
using System.Text;
using Streamer.Nxlink;
using Streamer.Simulator.Faults;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Media;

/// <summary>
/// <c>GET /_sim/media/{recordId}/{filename}</c>: the record's bytes while the link is valid, else a storage-style
/// XML 403. A hostile record's valid link answers a redirect to the target or SVG bytes as image/png instead.
/// </summary>
internal sealed class MediaEndpoint(Tenants tenants, MediaLinks links, SimulatorClock clock, TenantFaults faults, HostileMedia hostile)
{
    public async Task<IResult> HandleAsync(string recordId, string filename, HttpRequest request)
    {
        var parsed = long.TryParse(recordId, NumberStyles.None, CultureInfo.InvariantCulture, out var id);
        if (await faults.ForRecord(parsed ? id : 0).DrawMediaAsync(request.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "SlowDown", "Please reduce your request rate.");
        }

        if (!parsed || Find(id) is not { } record || record.FileName != filename)
        {
            return Error(StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.");
        }

        if (MediaLinks.ExpiryOf(request.Query, out var signature) is not { } expires)
        {
            return Error(StatusCodes.Status403Forbidden, "AccessDenied", "Expires is missing or invalid.");
        }

        if (!links.Verify(id, filename, expires, signature))
        {
            return Error(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        }

        if (clock.NowSecond > expires)
        {
            return Error(StatusCodes.Status403Forbidden, "AccessDenied", "Request has expired.");
        }

        return hostile.KindOf(id) switch
        {
            HostileMediaKind.Redirect => Results.Redirect(HostileMediaContent.TargetUrl(
                HostileMediaContent.OtherLoopbackName(request.Host.Host), request.Host.Port ?? request.HttpContext.Connection.LocalPort, "redirect", id)),
            HostileMediaKind.SvgAsPng => Results.Bytes(HostileMediaContent.Svg, "image/png"),
            _ => Results.Bytes(MediaContent.Of(id, record), record.MimeType ?? "application/octet-stream"),
        };
    }

    /// <summary>A copy of a record of any tenant (record ids are unique across tenants), or null.</summary>
    public ChatRecord? Find(long recordId) => tenants.Peek(tenants.Directory.TenantOfRecord(recordId))?.Store.Find(recordId);

    /// <summary>What the record's link leads to (the ground truth of archiving), or null when nothing serves it.</summary>
    public byte[]? Content(long recordId, ChatRecord record) => hostile.KindOf(recordId) switch
    {
        HostileMediaKind.LinkLocal => null,
        HostileMediaKind.Loopback or HostileMediaKind.Redirect => HostileMediaContent.TargetPng,
        HostileMediaKind.SvgAsPng => HostileMediaContent.Svg,
        _ => MediaContent.Of(recordId, record),
    };

    private static IResult Error(int status, string code, string message)
    {
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Error>
              <Code>{code}</Code>
              <Message>{message}</Message>
              <RequestId>{Guid.NewGuid():N}</RequestId>
            </Error>
            """;
        return Results.Text(xml, "application/xml", Encoding.UTF8, status);
    }
}
