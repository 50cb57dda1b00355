using System.Globalization;

namespace Streamer.Worker.Cluster;

/// <summary>
/// The leases part of <c>streamer state</c> with PostgreSQL: per account its owner instance, its fencing token and
/// when its lease expires (or that it is free), and the live instances with how many accounts each holds.
/// </summary>
public static class LeaseReport
{
    /// <summary>Writes the report of <paramref name="table"/> for <paramref name="accounts"/> (the enabled ones).</summary>
    public static void WriteText(TextWriter writer, LeaseTable table, IReadOnlyCollection<string> accounts)
    {
        var leases = table.Leases.ToDictionary(l => l.Account, StringComparer.Ordinal);
        writer.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-24} {1,-32} {2,8} {3}", "ACCOUNT", "OWNER", "TOKEN", "LEASE EXPIRES"));
        foreach (var account in accounts.Union(leases.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            writer.WriteLine(leases.TryGetValue(account, out var lease)
                ? string.Format(CultureInfo.InvariantCulture, "{0,-24} {1,-32} {2,8} {3:yyyy-MM-dd'T'HH:mm:ss'Z'} (in {4:0.0} s){5}", account, lease.Owner, lease.Token, lease.ExpiresAt.ToUniversalTime(), (lease.ExpiresAt - table.Now).TotalSeconds, accounts.Contains(account) ? string.Empty : " (not enabled: released at the owner's next cycle)")
                : string.Format(CultureInfo.InvariantCulture, "{0,-24} {1,-32} {2,8} {3}", account, "(free)", "-", "-"));
        }

        var held = table.Leases.GroupBy(l => l.Owner, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{table.Instances.Count} live instance(s): {string.Join(", ", table.Instances.Select(i => $"{i} ({held.GetValueOrDefault(i)})"))}"));
    }
}
