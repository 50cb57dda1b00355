namespace Streamer.Simulator.Generation;

/// <summary>Picks for the generator's seeded Random.</summary>
internal static class RandomExtensions
{
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>An item other than <paramref name="current"/> (when the list has one).</summary>
    public static T PickOther<T>(this Random random, IReadOnlyList<T> items, T? current)
    {
        var pick = random.Pick(items);
        for (var i = 0; i < 8 && EqualityComparer<T>.Default.Equals(pick, current); i++)
        {
            pick = random.Pick(items);
        }

        return pick;
    }

    public static T Weighted<T>(this Random random, IReadOnlyList<(T Item, int Weight)> table)
    {
        var total = 0;
        foreach (var (_, weight) in table)
        {
            total += weight;
        }

        var roll = random.Next(total);
        foreach (var (item, weight) in table)
        {
            if ((roll -= weight) < 0)
            {
                return item;
            }
        }

        return table[^1].Item;
    }
}
