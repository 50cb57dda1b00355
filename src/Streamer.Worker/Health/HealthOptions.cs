using System.ComponentModel.DataAnnotations;

namespace Streamer.Worker.Health;

/// <summary>The health and metrics HTTP endpoint (<c>Health</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Health";

    /// <summary>TCP port of <c>/healthz/live</c>, <c>/healthz/ready</c> and <c>/metrics</c>; 0 turns the endpoint off.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>
    /// Where to listen: <c>localhost</c> (loopback only, the default: the metrics and readiness reasons are for
    /// this machine unless widened), <c>*</c> or <c>+</c> (every interface, as the container image sets), or an IP address.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string Address { get; set; } = "localhost";

    /// <summary>An account is ready while its last successful poll is at most this many of its intervals old.</summary>
    [Range(1, 10_000)]
    public int ReadyWithinIntervals { get; set; } = 3;

    /// <summary>
    /// Readiness turns red when an account has committed nothing for this long (no slice read from the API and
    /// committed), or for <see cref="ReadyWithinIntervals"/> of its intervals when that is longer: a watchdog on
    /// progress, which polls that run and change nothing (a clock far off, a page refused every time) do not feed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>True when <see cref="Address"/> is <c>localhost</c>, <c>*</c>, <c>+</c> or an IP address.</summary>
    public static bool IsValidAddress(string address) =>
        address is "*" or "+" or "localhost" || System.Net.IPAddress.TryParse(address, out _);
}
