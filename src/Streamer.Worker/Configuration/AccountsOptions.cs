namespace Streamer.Worker.Configuration;

/// <summary>The accounts to stream: configuration section <c>Accounts</c>, a list (<c>Accounts__0__Name</c>…).</summary>
public sealed class AccountsOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Accounts";

    /// <summary>The accounts.</summary>
    public List<AccountOptions> Items { get; } = [];
}
