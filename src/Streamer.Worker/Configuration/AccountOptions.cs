using System.ComponentModel.DataAnnotations;

namespace Streamer.Worker.Configuration;

/// <summary>One nxlink account to stream (an entry of the <c>Accounts</c> list).</summary>
public sealed class AccountOptions
{
    /// <summary>A unique name: the key of the account's state and the label in logs.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "Name must be 1-64 letters, digits, '_', '.' or '-'.")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The API host, for example https://api-hk.nxlink.ai.</summary>
    [Required(AllowEmptyStrings = false)]
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>The nxlink tenant id.</summary>
    [Required(AllowEmptyStrings = false)]
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The application appkey.</summary>
    [Required(AllowEmptyStrings = false)]
    public string AppKey { get; set; } = string.Empty;

    /// <summary>The access key.</summary>
    [Required(AllowEmptyStrings = false)]
    public string AccessKey { get; set; } = string.Empty;

    /// <summary>The access secret (only ever used to sign).</summary>
    [Required(AllowEmptyStrings = false)]
    public string AccessSecret { get; set; } = string.Empty;

    /// <summary>IANA (or Windows) id of the zone of the tenant's timestamps, for example Asia/Shanghai.</summary>
    [Required(AllowEmptyStrings = false)]
    public string TimeZone { get; set; } = string.Empty;

    /// <summary>How often this account is polled; defaults to <see cref="PollingOptions.Interval"/>.</summary>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>
    /// Allows a plain <c>http</c> <see cref="BaseUrl"/> to a host other than loopback. Off: such a URL stops the
    /// start, since the access key, the signed requests and every record would cross the network unencrypted.
    /// </summary>
    public bool AllowInsecureTransport { get; set; }
}
