namespace Streamer.Contracts.Tests;

public sealed class PackageTests
{
    [Fact]
    public void ContractsAssembly_References_OnlyTheFramework()
    {
        var references = typeof(ChatMessageEvent).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.All(references, name => Assert.True(
            name.StartsWith("System.", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib",
            $"Streamer.Contracts references {name}; consumers must get the contracts without dependencies."));
    }

    [Fact]
    public void ContractsAssembly_EveryPublicType_IsSealedOrAbstractOrEnum()
    {
        var open = ContractTypes.All.Where(t => !t.IsSealed && !t.IsAbstract && !t.IsEnum).Select(t => t.Name).ToList();

        Assert.Empty(open);
    }
}
