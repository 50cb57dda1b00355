using System.Globalization;

namespace Streamer.Simulator.Api;

/// <summary>The <c>tenant</c> parameter of the control endpoints: absent (tenant 0, as with a single tenant), an index, or <c>all</c>.</summary>
internal static class TenantQuery
{
    public const string AllTenants = "all";

    /// <summary>Reads <paramref name="value"/>; a 400 to answer when it is not a tenant of <paramref name="count"/> (or all, when <paramref name="allowAll"/>).</summary>
    public static IResult? Parse(string? value, int count, bool allowAll, out TenantChoice choice)
    {
        choice = default;
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (string.Equals(value, AllTenants, StringComparison.OrdinalIgnoreCase))
        {
            choice = new TenantChoice(0, All: true);
            return allowAll ? null : Results.BadRequest("tenant=all does not apply here: give a tenant index.");
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < count)
        {
            choice = new TenantChoice(index, All: false);
            return null;
        }

        return Results.BadRequest($"tenant must be a tenant index, 0..{count - 1}{(allowAll ? ", or all" : "")}.");
    }
}
