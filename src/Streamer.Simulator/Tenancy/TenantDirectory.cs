using System.Globalization;
using Microsoft.Extensions.Options;
using Streamer.Simulator.Generation;

namespace Streamer.Simulator.Tenancy;

/// <summary>
/// The tenants' credentials, derived from the configured ones without storing any: tenant 0 has them as configured,
/// tenant i &gt; 0 has each with <c>-{i}</c> appended. Record ids are unique across tenants: tenant i's are
/// <see cref="MessageFactory.IdBase"/> + i * <see cref="RecordIdStride"/> + (as before).
/// </summary>
internal sealed class TenantDirectory(IOptions<SimulatorOptions> options)
{
    /// <summary>The span of record ids a tenant's factory hands out (2^40: 268 million records at 4096 ids each).</summary>
    public const long RecordIdStride = 1L << 40;

    private readonly SimulatorOptions settings = options.Value;

    public int Count => settings.Tenants;

    public static long RecordIdBase(int index) => MessageFactory.IdBase + (index * RecordIdStride);

    public TenantCredentials Credentials(int index) => index == 0
        ? new(0, settings.TenantId, settings.AppKey, settings.AccessKey, settings.AccessSecret)
        : new(index, Suffixed(settings.TenantId, index), Suffixed(settings.AppKey, index), Suffixed(settings.AccessKey, index), Suffixed(settings.AccessSecret, index));

    /// <summary>The tenant an accessKey belongs to, or null when none has it.</summary>
    public int? IndexOfAccessKey(string accessKey)
    {
        if (string.Equals(accessKey, settings.AccessKey, StringComparison.Ordinal))
        {
            return 0;
        }

        var prefix = settings.AccessKey.Length;
        if (Count == 1 || accessKey.Length < prefix + 2 || accessKey[prefix] != '-' || accessKey[prefix + 1] == '0' ||
            !accessKey.StartsWith(settings.AccessKey, StringComparison.Ordinal))
        {
            return null;
        }

        return int.TryParse(accessKey.AsSpan(prefix + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < Count ? index : null;
    }

    /// <summary>The tenant whose factory made a record id; tenant 0 for ids outside every tenant's range (the document's examples).</summary>
    public int TenantOfRecord(long recordId)
    {
        var offset = recordId - MessageFactory.IdBase;
        return offset >= 0 && offset / RecordIdStride < Count ? (int)(offset / RecordIdStride) : 0;
    }

    private static string Suffixed(string value, int index) => string.Create(CultureInfo.InvariantCulture, $"{value}-{index}");
}
