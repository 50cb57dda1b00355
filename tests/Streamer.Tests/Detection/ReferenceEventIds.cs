using System.Security.Cryptography;
using System.Text;

namespace Streamer.Tests.Detection;

/// <summary>
/// EventIds as first written (string building, then SHA-1 of its UTF-8): the ids consumers have already
/// stored. Kept verbatim so the faster implementation can be proved to give the very same Guids.
/// </summary>
internal static class ReferenceEventIds
{
    private static readonly Guid Namespace = new("6f1c2a4e-5b0d-4e8a-9d3f-2c7b1e9a8d50");

    public static Guid Created(string tenantId, string recordId) => Create(tenantId, recordId, "created", string.Empty);

    public static Guid Status(string tenantId, string recordId, string status) => Create(tenantId, recordId, "status", status);

    public static Guid Reaction(string tenantId, string recordId, string updatedAt, string? emoji) =>
        Create(tenantId, recordId, "reaction", $"{updatedAt}|{emoji}");

    public static Guid Updated(string tenantId, string recordId, string updatedAt, IEnumerable<string> fields) =>
        Create(tenantId, recordId, "updated", $"{updatedAt}|{string.Join(',', fields.Order(StringComparer.Ordinal))}");

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
