using System.Globalization;

namespace Streamer.Benchmarks;

/// <summary>The command line: which sections run, where the report goes, and the child modes.</summary>
public sealed record BenchArguments
{
    /// <summary>Every section in run order, with the letters of the issue as aliases.</summary>
    public static readonly IReadOnlyList<(string Name, string Letters)> Sections =
    [
        ("raw", "a"),
        ("masstransit", "b"),
        ("ceiling", string.Empty),
        ("stream", "c"),
        ("pgstream", string.Empty),
        ("startup", string.Empty),
        ("detector", "d"),
        ("store", "e"),
        ("live", "fg"),
        ("pass", "h"),
        ("cost", "i"),
        ("accounts", "j"),
        ("failover", string.Empty),
    ];

    /// <summary>The sections to run.</summary>
    public IReadOnlySet<string> Only { get; init; } = Sections.Select(s => s.Name).ToHashSet();

    /// <summary>Whether a subset was asked for.</summary>
    public bool IsSubset { get; init; }

    /// <summary>The report to write, or null.</summary>
    public string? Report { get; init; }

    /// <summary>Small sizes, for checking the program itself in a minute.</summary>
    public bool Quick { get; init; }

    /// <summary>A child mode (<c>store</c>, <c>ceiling</c>), run in its own process so its memory or its start is measured alone.</summary>
    public string? Child { get; init; }

    /// <summary>Changes of the backlog (c) drains instead of the default, for a longer (warmer) drain; null: the default.</summary>
    public int? BacklogChanges { get; init; }

    /// <summary>The child's working folder.</summary>
    public string? Directory { get; init; }

    /// <summary>The store child's backend: <c>sqlite</c> or <c>postgres</c>.</summary>
    public string Backend { get; init; } = "sqlite";

    /// <summary>The store child's sizes.</summary>
    public IReadOnlyList<long> Sizes { get; init; } = [];

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a usage hint.</summary>
    public static BenchArguments Parse(string[] args)
    {
        var parsed = new BenchArguments();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--only":
                    parsed = parsed with { Only = Resolve(Required(value, "--only")), IsSubset = true };
                    i++;
                    break;
                case "--report":
                    parsed = parsed with { Report = Required(value, "--report") };
                    i++;
                    break;
                case "--quick":
                    parsed = parsed with { Quick = true };
                    break;
                case "--backlog":
                    parsed = parsed with { BacklogChanges = Positive(Required(value, "--backlog"), "--backlog"), IsSubset = true };
                    i++;
                    break;
                case "--child":
                    parsed = parsed with { Child = Required(value, "--child") };
                    i++;
                    break;
                case "--dir":
                    parsed = parsed with { Directory = Required(value, "--dir") };
                    i++;
                    break;
                case "--backend":
                    parsed = parsed with { Backend = Required(value, "--backend") };
                    i++;
                    break;
                case "--sizes":
                    parsed = parsed with { Sizes = Required(value, "--sizes").Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList() };
                    i++;
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]}; usage: [--only {string.Join(',', Sections.Select(s => s.Name))} (or letters a-j)] [--quick] [--backlog changes] [--report docs/benchmarks.md]");
            }
        }

        return parsed;
    }

    private static HashSet<string> Resolve(string list)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Sections.FirstOrDefault(s => s.Name == item || s.Letters.Contains(item, StringComparison.Ordinal) && item.Length == 1);
            if (match.Name is null)
            {
                throw new ArgumentException($"unknown section {item}; sections: {string.Join(", ", Sections.Select(s => $"{s.Name} ({s.Letters})"))}");
            }

            names.Add(match.Name);
        }

        return names;
    }

    private static string Required(string? value, string option) =>
        value ?? throw new ArgumentException($"{option} needs a value");

    private static int Positive(string value, string option) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new ArgumentException($"{option} needs a positive whole number, not '{value}'");
}
