using System.Globalization;
using System.Text;
using Streamer.Simulator.Faults;
using Streamer.Simulator.Store;

namespace Streamer.Simulator.Media;

/// <summary><c>GET /_sim/media/{recordId}/{filename}</c>: the record's bytes while the link is valid, else a storage-style XML 403.</summary>
internal static class MediaEndpoint
{
    public static async Task<IResult> HandleAsync(string recordId, string filename, HttpRequest request, RecordStore store, MediaLinks links, SimulatorClock clock, FaultInjector faults)
    {
        if (await faults.DrawMediaAsync(request.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            return Error(StatusCodes.Status503ServiceUnavailable, "SlowDown", "Please reduce your request rate.");
        }

        if (!long.TryParse(recordId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ||
            store.Find(id) is not { } record || record.FileName != filename)
        {
            return Error(StatusCodes.Status404NotFound, "NoSuchKey", "The specified key does not exist.");
        }

        if (!long.TryParse(request.Query["Expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return Error(StatusCodes.Status403Forbidden, "AccessDenied", "Expires is missing or invalid.");
        }

        if (!links.Verify(id, filename, expires, request.Query["sig"]))
        {
            return Error(StatusCodes.Status403Forbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        }

        if (clock.NowSecond > expires)
        {
            return Error(StatusCodes.Status403Forbidden, "AccessDenied", "Request has expired.");
        }

        return Results.Bytes(MediaContent.Of(id, record), record.MimeType ?? "application/octet-stream");
    }

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
