namespace Streamer.Simulator.Media;

/// <summary>How a hostile media record's link misbehaves.</summary>
internal enum HostileMediaKind
{
    /// <summary>The link points at the simulator's target on 127.0.0.1.</summary>
    Loopback,

    /// <summary>The link points at the cloud metadata address 169.254.169.254, which nothing serves.</summary>
    LinkLocal,

    /// <summary>The simulator's media link answers 302 to the target under the other loopback name.</summary>
    Redirect,

    /// <summary>The simulator's media link serves SVG bytes as image/png.</summary>
    SvgAsPng,

    /// <summary>The link expires by X-Amz-Date and X-Amz-Expires and has no Expires=; it serves the record's bytes.</summary>
    AmzExpires,
}
