using System.Globalization;

namespace Streamer.Benchmarks.Reporting;

/// <summary>The figures of one run, in the order they were measured, plus free-text notes per section.</summary>
public sealed class Figures
{
    private readonly List<Figure> items = [];
    private readonly Dictionary<string, double> numbers = new(StringComparer.Ordinal);
    private readonly List<(string Section, string Text)> notes = [];

    /// <summary>Every figure so far.</summary>
    public IReadOnlyList<Figure> Items => items;

    /// <summary>Every note so far.</summary>
    public IReadOnlyList<(string Section, string Text)> Notes => notes;

    /// <summary>Adds a number, rounded to <paramref name="decimals"/> for printing (kept exact for ratios).</summary>
    public void Add(string name, double value, int decimals, string meaning)
    {
        numbers[name] = value;
        var text = double.IsFinite(value) ? Math.Round(value, decimals).ToString("0." + new string('#', Math.Max(decimals, 0)), CultureInfo.InvariantCulture) : "n/a";
        Add(name, text, meaning);
    }

    /// <summary>Adds a text figure.</summary>
    public void Add(string name, string value, string meaning)
    {
        items.RemoveAll(f => f.Name == name);
        items.Add(new Figure(name, value, meaning));
        Console.Error.WriteLine($"bench:   {name}: {value}");
    }

    /// <summary>A number added earlier, if any.</summary>
    public double? Number(string name) => numbers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Adds an explanation to a section of the report.</summary>
    public void Note(string section, string text) => notes.Add((section, text));
}
