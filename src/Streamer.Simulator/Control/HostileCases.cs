namespace Streamer.Simulator.Control;

/// <summary>The values of <see cref="HostileRequest.Case"/>: what <c>POST /_sim/hostile</c> adds.</summary>
public static class HostileCases
{
    /// <summary>created_at and updated_at "0001-01-01 00:00:00": unreadable, ground truth rejected with its marker.</summary>
    public const string ZeroDate = "zeroDate";

    /// <summary>created_at "1970-01-01 00:00:00", updated_at now: valid but absurd (listed under absurd).</summary>
    public const string Date1970 = "date1970";

    /// <summary>created_at "2099-12-31 23:59:59", updated_at now: valid but absurd (listed under absurd).</summary>
    public const string Date2099 = "date2099";

    /// <summary>A valid text record whose content is 5 MiB of text.</summary>
    public const string HugeRecord = "hugeRecord";

    /// <summary>A valid text record whose content has the request's bytes (20 MiB by default), listed under oversize.</summary>
    public const string OversizeRecord = "oversizeRecord";

    /// <summary>A record with a malformed updated_at: unreadable, ground truth rejected with its marker.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>An image whose media_link is <c>http://127.0.0.1:&lt;port&gt;/_sim/target/...</c>, the simulator's own target.</summary>
    public const string MediaLoopback = "mediaLoopback";

    /// <summary>A document whose media_link is the cloud metadata address <c>http://169.254.169.254/latest/meta-data/iam</c>.</summary>
    public const string MediaLinkLocal = "mediaLinkLocal";

    /// <summary>An image whose media link answers 302 to the target under the other loopback name (localhost / 127.0.0.1).</summary>
    public const string MediaRedirect = "mediaRedirect";

    /// <summary>An image whose media link serves SVG bytes as image/png.</summary>
    public const string SvgAsPng = "svgAsPng";

    /// <summary>An image whose working media link carries X-Amz-Date and X-Amz-Expires=3600 and no Expires=.</summary>
    public const string AmzExpires = "amzExpires";

    /// <summary>Every case, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ZeroDate, Date1970, Date2099, HugeRecord, OversizeRecord, Unreadable, MediaLoopback, MediaLinkLocal, MediaRedirect, SvgAsPng, AmzExpires];
}
