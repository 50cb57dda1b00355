using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Streamer.Worker.Detection;

/// <summary>
/// Deterministic event ids: a name-based UUID (RFC 9562 version 5, SHA-1) of
/// (tenant, record id, kind, the change's value). Observing the same change again (after a crash, in a
/// re-scan, in a backfill, or as an inferred step) yields the same id, so consumers dedupe on it.
/// </summary>
public static class EventIds
{
    /// <summary>The namespace UUID of Streamer's event ids.</summary>
    public static readonly Guid Namespace = new("6f1c2a4e-5b0d-4e8a-9d3f-2c7b1e9a8d50");

    /// <summary>Id of a record's creation.</summary>
    public static Guid Created(string tenantId, string recordId) => Create(tenantId, recordId, "created", string.Empty);

    /// <summary>Id of a status step: a record reaches each status at most once, so the status is the value.</summary>
    public static Guid Status(string tenantId, string recordId, string status) => Create(tenantId, recordId, "status", status);

    /// <summary>Id of a reaction change: the same emoji can come back later, so the change's time is part of the value.</summary>
    public static Guid Reaction(string tenantId, string recordId, string updatedAt, string? emoji) =>
        Create(tenantId, recordId, "reaction", $"{updatedAt}|{emoji}");

    /// <summary>Id of a field update: its time and the names of the fields that changed.</summary>
    public static Guid Updated(string tenantId, string recordId, string updatedAt, IEnumerable<string> fields) =>
        Create(tenantId, recordId, "updated", $"{updatedAt}|{string.Join(',', fields.Order(StringComparer.Ordinal))}");

    /// <summary>The general form.</summary>
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "RFC 9562 v5 UUIDs are defined on SHA-1; this is naming, not security.")]
    public static Guid Create(string tenantId, string recordId, string kind, string value)
    {
        var name = $"{tenantId}\n{recordId}\n{kind}\n{value}";
        var length = 16 + Encoding.UTF8.GetByteCount(name);
        var buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        Namespace.TryWriteBytes(buffer, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, buffer[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(buffer, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
