namespace Streamer.Simulator.Tenancy;

/// <summary>What a tenant's requests must carry: its tenant_id and appkey, and the accessKey and secret they are signed with.</summary>
internal sealed record TenantCredentials(int Index, string TenantId, string AppKey, string AccessKey, string AccessSecret)
{
    /// <summary>A name for the tenant's account in a client's configuration: <c>tenant-{index}</c>.</summary>
    public string Name => $"tenant-{Index}";
}
