using Streamer.Tests.Media;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace Streamer.Tests.Cluster;

public sealed class StoredAccountDirectoryTests
{
    private readonly FakeAccountStore store = new();
    private readonly SecretBox box = new(new SecretKeyOptions { SecretKey = SecretBox.NewKey() });
    private readonly RecordingLogger<StoredAccountDirectory> logger = new();
    private readonly AccountsOptions configured = new();

    [Fact]
    public async Task ListAsync_ConfiguredAndEnabledStoredAccounts_BothWithTheStoredSecretsOpened()
    {
        configured.Items.Add(FakeAccountDirectory.Account("configured"));
        Store("stored", "stored-secret");
        Store("disabled", "x", enabled: false);

        var accounts = await Directory().ListAsync(CancellationToken.None);

        Assert.Equal(["configured", "stored"], accounts.Select(a => a.Name));
        Assert.Equal("stored-secret", accounts[1].AccessSecret);
        Assert.Empty(logger.Values<string>(180, "Account"));
    }

    [Fact]
    public async Task ListAsync_BadRows_EachLeftOutAndLoggedWithoutTheOthersSuffering()
    {
        configured.Items.Add(FakeAccountDirectory.Account("both"));
        Store("both", "secret");
        Store("good", "secret");
        store.Rows["foreign-key"] = Row("foreign-key", new SecretBox(new SecretKeyOptions { SecretKey = SecretBox.NewKey() }).Seal("foreign-key", "secret"));
        store.Rows["bad-zone"] = Row("bad-zone", box.Seal("bad-zone", "secret")) with { TimeZone = "Mars/Olympus" };

        var accounts = await Directory().ListAsync(CancellationToken.None);

        Assert.Equal(["both", "good"], accounts.Select(a => a.Name));
        Assert.Equal("secret", accounts[0].AccessSecret);
        Assert.Equal(["both", "foreign-key", "bad-zone"], logger.Values<string>(180, "Account"));
        Assert.All(logger.Values<string>(180, "Reason"), r => Assert.DoesNotContain("secret\"", r, StringComparison.Ordinal));
    }

    private StoredAccountDirectory Directory() => new(store, box, MsOptions.Create(configured), logger);

    private void Store(string name, string secret, bool enabled = true) => store.Rows[name] = Row(name, box.Seal(name, secret)) with { Enabled = enabled };

    private static StoredAccount Row(string name, string sealedSecret) => new()
    {
        Name = name,
        BaseUrl = "http://127.0.0.1:5080",
        TenantId = "1",
        AppKey = "app",
        AccessKey = "key",
        SealedSecret = sealedSecret,
        TimeZone = "UTC",
    };
}
