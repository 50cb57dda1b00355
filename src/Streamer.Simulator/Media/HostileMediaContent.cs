using System.Globalization;
using System.Text;

namespace Streamer.Simulator.Media;

/// <summary>The bytes and addresses of the hostile media cases.</summary>
internal static class HostileMediaContent
{
    /// <summary>The path of the target every inward link of the hostile cases leads to.</summary>
    public const string TargetPrefix = "/_sim/target/";

    /// <summary>The cloud metadata address a link-local link names (never contacted).</summary>
    public const string LinkLocalUrl = "http://169.254.169.254/latest/meta-data/iam";

    /// <summary>What the target serves: a valid 1x1 PNG.</summary>
    public static readonly byte[] TargetPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>What an svgAsPng link serves as image/png: an SVG with a script, which a browser would run if it were trusted as an image.</summary>
    public static readonly byte[] Svg = Encoding.UTF8.GetBytes(
        """<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><script>alert(document.domain)</script><rect width="1" height="1"/></svg>""");

    /// <summary>The target URL of a record under <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static string TargetUrl(string host, int port, string kind, long recordId) =>
        string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}{TargetPrefix}{kind}/{recordId}.png");

    /// <summary>The loopback name a redirect hops to: the other one of localhost and 127.0.0.1, so a host:port allow-list refuses the hop.</summary>
    public static string OtherLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" : "localhost";
}
