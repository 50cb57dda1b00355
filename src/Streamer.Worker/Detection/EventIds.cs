using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Streamer.Contracts;

namespace Streamer.Worker.Detection;

/// <summary>
/// Deterministic event ids: a name-based UUID (RFC 9562 version 5, SHA-1) of
/// (tenant, record id, kind, the change's value). Observing the same change again (after a crash, in a
/// re-scan, in a backfill, or as an inferred step) yields the same id, so consumers dedupe on it.
/// </summary>
/// <remarks>
/// The name is <c>tenant \n record \n kind \n value</c> in UTF-8, after the namespace's 16 bytes. Consumers
/// have stored these ids, so that must never change (EventIdsStabilityTests pins it to the first version).
/// One id is computed per event, so the name is built in stack buffers rather than as strings; a name
/// longer than <see cref="StackChars"/> (a rejection key, never a hot-path id) takes the allocating path.
/// </remarks>
public static class EventIds
{
    /// <summary>The namespace UUID of Streamer's event ids.</summary>
    public static readonly Guid Namespace = new("6f1c2a4e-5b0d-4e8a-9d3f-2c7b1e9a8d50");

    // Tenant, a 19-digit record id, a kind, a timestamp and a few field names fit with room to spare.
    private const int StackChars = 256;
    private const int StackBytes = 512;

    // The bytes the hashed name starts with (RFC 9562: the namespace in network order).
    private static readonly byte[] NamespaceBytes = Namespace.ToByteArray(bigEndian: true);

    /// <summary>Id of a record's creation.</summary>
    public static Guid Created(string tenantId, string recordId) => Create(tenantId, recordId, "created", string.Empty);

    /// <summary>Id of a status step: a record reaches each status at most once, so the status is the value.</summary>
    public static Guid Status(string tenantId, string recordId, string status) => Create(tenantId, recordId, "status", status);

    /// <summary>Id of a reaction change: the same emoji can come back later, so the change's time is part of the value.</summary>
    public static Guid Reaction(string tenantId, string recordId, string updatedAt, string? emoji)
    {
        Span<char> name = stackalloc char[StackChars];
        return name.TryWrite($"{tenantId}\n{recordId}\nreaction\n{updatedAt}|{emoji}", out var length)
            ? FromName(name[..length])
            : FromName($"{tenantId}\n{recordId}\nreaction\n{updatedAt}|{emoji}");
    }

    /// <summary>Id of a field update: its time and the names of the fields that changed.</summary>
    public static Guid Updated(string tenantId, string recordId, string updatedAt, IEnumerable<string> fields) =>
        FromName($"{tenantId}\n{recordId}\nupdated\n{updatedAt}|{string.Join(',', fields.Order(StringComparer.Ordinal))}");

    /// <summary>
    /// <see cref="Updated(string, string, string, IEnumerable{string})"/> of the fields of <paramref name="changes"/>,
    /// without allocating: the detector's path.
    /// </summary>
    public static Guid Updated(string tenantId, string recordId, string updatedAt, IReadOnlyList<ChatFieldChange> changes)
    {
        Span<char> name = stackalloc char[StackChars];
        return changes.Count <= 64 &&
            name.TryWrite($"{tenantId}\n{recordId}\nupdated\n{updatedAt}|", out var length) &&
            TryAppendInOrdinalOrder(name, ref length, changes)
            ? FromName(name[..length])
            : Updated(tenantId, recordId, updatedAt, changes.Select(c => c.Field));
    }

    /// <summary>The general form.</summary>
    public static Guid Create(string tenantId, string recordId, string kind, string value)
    {
        Span<char> name = stackalloc char[StackChars];
        return name.TryWrite($"{tenantId}\n{recordId}\n{kind}\n{value}", out var length)
            ? FromName(name[..length])
            : FromName($"{tenantId}\n{recordId}\n{kind}\n{value}");
    }

    // Appends the field names comma-separated in ordinal order (what string.Join of Order gives), picking
    // the smallest name not yet written each time: an update changes a handful of fields, and this needs
    // no list to sort. False when the names do not fit.
    private static bool TryAppendInOrdinalOrder(Span<char> name, ref int length, IReadOnlyList<ChatFieldChange> changes)
    {
        var written = 0UL;
        for (var k = 0; k < changes.Count; k++)
        {
            var next = -1;
            for (var i = 0; i < changes.Count; i++)
            {
                if ((written & (1UL << i)) == 0 && (next < 0 || string.CompareOrdinal(changes[i].Field, changes[next].Field) < 0))
                {
                    next = i;
                }
            }

            written |= 1UL << next;
            var field = changes[next].Field;
            var separator = k > 0 ? 1 : 0;
            if (length + separator + field.Length > name.Length)
            {
                return false;
            }

            if (separator > 0)
            {
                name[length++] = ',';
            }

            field.CopyTo(name[length..]);
            length += field.Length;
        }

        return true;
    }

    private static Guid FromName(ReadOnlySpan<char> name)
    {
        var length = NamespaceBytes.Length + Encoding.UTF8.GetByteCount(name);
        byte[]? rented = null;
        var buffer = length <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        NamespaceBytes.CopyTo(buffer);
        Encoding.UTF8.GetBytes(name, buffer[NamespaceBytes.Length..]);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(buffer[..length], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
