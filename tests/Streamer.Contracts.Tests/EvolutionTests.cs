using System.Reflection;
using System.Runtime.CompilerServices;
using Streamer.Testing;

namespace Streamer.Contracts.Tests;

/// <summary>The evolution policy of docs/contracts.md, where the compiler and the API analyzers do not see it.</summary>
public sealed class EvolutionTests
{
    [Fact]
    public void RequiredMembers_OfEveryContract_WereRequiredWhenShipped()
    {
        var shipped = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "contracts", "Streamer.Contracts", "RequiredMembers.Shipped.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);
        var required = ContractTypes.All
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.GetCustomAttribute<RequiredMemberAttribute>() is not null)
            .Select(p => $"{p.DeclaringType!.FullName}.{p.Name}")
            .ToList();

        // The file must describe the assembly: an empty list would let everything pass.
        Assert.NotEmpty(required);
        var added = required.Where(r => !shipped.Contains(r)).ToList();
        Assert.True(added.Count == 0, $"Made required after shipping (messages already queued lack them; make them optional): {string.Join(", ", added)}");
    }
}
