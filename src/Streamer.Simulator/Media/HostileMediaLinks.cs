using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Simulator.Control;

namespace Streamer.Simulator.Media;

/// <summary>Gives a media record of a hostile media case its file, type and misbehaving link, and files it with <see cref="HostileMedia"/>.</summary>
internal sealed class HostileMediaLinks(MediaLinks links, HostileMedia media, IOptions<SimulatorOptions> options)
{
    /// <summary>The X-Amz-Expires of an amzExpires link, in seconds.</summary>
    public const long AmzLifetimeSeconds = 3600;

    private readonly long lifetimeSeconds = (long)options.Value.MediaLinkLifetime.TotalSeconds;

    /// <summary>The message type a case's record has.</summary>
    public static string MessageType(string hostileCase) =>
        hostileCase == HostileCases.MediaLinkLocal ? Generation.MessageTypes.Document : Generation.MessageTypes.Image;

    /// <summary>
    /// Sets the record's media fields for <paramref name="hostileCase"/>; <paramref name="port"/> is the simulator's own.
    /// Returns when the link truly expires (Unix seconds), or null when it says nothing of it.
    /// </summary>
    public long? Apply(string hostileCase, long id, ChatRecord record, long second, int port)
    {
        var (kind, fileName, mimeType) = hostileCase switch
        {
            HostileCases.MediaLoopback => (HostileMediaKind.Loopback, "loopback.png", "image/png"),
            HostileCases.MediaLinkLocal => (HostileMediaKind.LinkLocal, "credentials.json", "application/json"),
            HostileCases.MediaRedirect => (HostileMediaKind.Redirect, "redirect.png", "image/png"),
            HostileCases.SvgAsPng => (HostileMediaKind.SvgAsPng, "image.png", "image/png"),
            HostileCases.AmzExpires => (HostileMediaKind.AmzExpires, "photo.jpg", "image/jpeg"),
            _ => throw new ArgumentOutOfRangeException(nameof(hostileCase), hostileCase, "Not a media case."),
        };
        (record.FileName, record.MimeType, record.Content) = (fileName, mimeType, null);
        media.Register(id, kind);
        long? expires = kind switch
        {
            HostileMediaKind.Redirect or HostileMediaKind.SvgAsPng => second + lifetimeSeconds,
            HostileMediaKind.AmzExpires => second + AmzLifetimeSeconds,
            _ => null,
        };
        record.MediaLink = kind switch
        {
            HostileMediaKind.Loopback => HostileMediaContent.TargetUrl("127.0.0.1", port, "loopback", id),
            HostileMediaKind.LinkLocal => HostileMediaContent.LinkLocalUrl,
            HostileMediaKind.AmzExpires => links.AmzRelative(id, fileName, second, AmzLifetimeSeconds),
            _ => links.Relative(id, fileName, expires!.Value),
        };
        return expires;
    }
}
