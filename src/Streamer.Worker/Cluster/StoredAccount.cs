namespace Streamer.Worker.Cluster;

/// <summary>An account as the shared database keeps it: its settings, its secret sealed by <see cref="SecretBox"/>, and whether it is streamed.</summary>
public sealed record StoredAccount
{
    /// <summary>The unique name (the key of its state).</summary>
    public required string Name { get; init; }

    /// <summary>The API host.</summary>
    public required string BaseUrl { get; init; }

    /// <summary>The nxlink tenant id.</summary>
    public required string TenantId { get; init; }

    /// <summary>The application appkey.</summary>
    public required string AppKey { get; init; }

    /// <summary>The access key.</summary>
    public required string AccessKey { get; init; }

    /// <summary>The access secret, sealed (<c>v1.{key id}.{data}</c>); never in clear at rest.</summary>
    public required string SealedSecret { get; init; }

    /// <summary>The zone of the tenant's timestamps.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The poll interval, or null for <c>Polling:Interval</c>.</summary>
    public TimeSpan? PollInterval { get; init; }

    /// <summary>Allows plain http to a host other than loopback.</summary>
    public bool AllowInsecureTransport { get; init; }

    /// <summary>Whether instances stream it; a disabled account keeps its state and stops within one cycle.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The account's settings as the pollers take them, with its secret opened (<paramref name="secret"/>).</summary>
    public Configuration.AccountOptions ToOptions(string secret) => new()
    {
        Name = Name,
        BaseUrl = BaseUrl,
        TenantId = TenantId,
        AppKey = AppKey,
        AccessKey = AccessKey,
        AccessSecret = secret,
        TimeZone = TimeZone,
        PollInterval = PollInterval,
        AllowInsecureTransport = AllowInsecureTransport,
    };
}
