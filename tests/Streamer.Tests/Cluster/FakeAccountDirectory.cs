using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;

namespace Streamer.Tests.Cluster;

/// <summary>A directory of accounts a test changes at will; it can be made to fail.</summary>
internal sealed class FakeAccountDirectory : IAccountDirectory
{
    private readonly Lock gate = new();
    private List<AccountOptions> accounts = [];

    public FakeAccountDirectory(int count) => Set([.. Enumerable.Range(0, count).Select(i => Account($"account-{i}"))]);

    public Exception? Failure { get; set; }

    public static AccountOptions Account(string name, string secret = "secret") =>
        new() { Name = name, BaseUrl = "http://127.0.0.1:5080", TenantId = "1", AppKey = "app", AccessKey = "key", AccessSecret = secret, TimeZone = "UTC" };

    public void Set(IEnumerable<AccountOptions> next)
    {
        lock (gate)
        {
            accounts = [.. next];
        }
    }

    public IReadOnlyList<AccountOptions> Current
    {
        get
        {
            lock (gate)
            {
                return [.. accounts];
            }
        }
    }

    public Task<IReadOnlyList<AccountOptions>> ListAsync(CancellationToken cancellationToken) =>
        Failure is { } failure ? Task.FromException<IReadOnlyList<AccountOptions>>(failure) : Task.FromResult(Current);
}
