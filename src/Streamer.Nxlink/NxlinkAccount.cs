namespace Streamer.Nxlink;

/// <summary>
/// One nxlink account: where to call and how to sign. A class rather than a record so that no generated
/// <c>ToString</c> can ever print the secret.
/// </summary>
public sealed class NxlinkAccount
{
    /// <summary>Creates an account.</summary>
    public NxlinkAccount(string name, Uri baseUrl, string tenantId, string appKey, string accessKey, string accessSecret, TimeZoneInfo timeZone)
    {
        Name = name;
        BaseUrl = baseUrl;
        TenantId = tenantId;
        AppKey = appKey;
        AccessKey = accessKey;
        AccessSecret = accessSecret;
        TimeZone = timeZone;
    }

    /// <summary>A name for logs and state (never a secret).</summary>
    public string Name { get; }

    /// <summary>The API host, for example https://api-hk.nxlink.ai.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The tenant id.</summary>
    public string TenantId { get; }

    /// <summary>The application appkey.</summary>
    public string AppKey { get; }

    /// <summary>The access key, sent as a header.</summary>
    public string AccessKey { get; }

    /// <summary>The access secret: only ever enters the signature hash.</summary>
    public string AccessSecret { get; }

    /// <summary>The zone of the API's zone-less timestamps for this tenant.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
