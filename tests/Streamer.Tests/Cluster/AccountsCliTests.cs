using Streamer.Worker.Cli;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;

namespace Streamer.Tests.Cluster;

public sealed class AccountsCliTests
{
    private const string Secret = "very-secret-value-42";
    private readonly FakeAccountStore store = new();
    private readonly SecretBox box = new(new SecretKeyOptions { SecretKey = SecretBox.NewKey() });
    private readonly StringWriter output = new();
    private readonly StringWriter errors = new();
    private readonly AccountsCli cli;

    public AccountsCliTests() => cli = new AccountsCli(store, box, output, errors);

    [Fact]
    public async Task AddAsync_ValidAccount_StoredEnabledWithTheSecretSealedAndNeverPrinted()
    {
        var code = await cli.AddAsync(Account("sales"), CancellationToken.None);

        Assert.Equal(0, code);
        var row = store.Rows["sales"];
        Assert.True(row.Enabled);
        Assert.DoesNotContain(Secret, row.SealedSecret, StringComparison.Ordinal);
        Assert.Equal(Secret, box.Open("sales", row.SealedSecret));
        Assert.DoesNotContain(Secret, output.ToString() + errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_UnknownTimeZone_Exit2NamingTheSettingAndNothingStored()
    {
        var account = Account("sales");
        account.TimeZone = "Mars/Olympus";

        Assert.Equal(2, await cli.AddAsync(account, CancellationToken.None));
        Assert.Empty(store.Rows);
        Assert.StartsWith("TimeZone:", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_NameTaken_Exit1AndTheStoredAccountKept()
    {
        await cli.AddAsync(Account("sales"), CancellationToken.None);
        var first = store.Rows["sales"];

        Assert.Equal(1, await cli.AddAsync(Account("sales"), CancellationToken.None));
        Assert.Same(first, store.Rows["sales"]);
    }

    [Fact]
    public async Task ListAsync_Accounts_PrintsEachWithoutItsSecretOrFullAccessKey()
    {
        await cli.AddAsync(Account("sales"), CancellationToken.None);
        await cli.AddAsync(Account("support"), CancellationToken.None);
        await cli.SetEnabledAsync("support", enabled: false, CancellationToken.None);
        output.GetStringBuilder().Clear();

        Assert.Equal(0, await cli.ListAsync(CancellationToken.None));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^sales\s+yes\s", lines[1]);
        Assert.Matches(@"^support\s+no\s", lines[2]);
        Assert.Contains(box.CurrentKeyId!, lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("access-key-0001", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("****0001", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_IntervalOnly_SecretKeptAndResealedUnderTheCurrentKey()
    {
        await cli.AddAsync(Account("sales"), CancellationToken.None);

        Assert.Equal(0, await cli.UpdateAsync("sales", a => a.PollInterval = TimeSpan.FromSeconds(30), secret: null, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(30), store.Rows["sales"].PollInterval);
        Assert.Equal(Secret, box.Open("sales", store.Rows["sales"].SealedSecret));
    }

    [Fact]
    public async Task UpdateAsync_NewSecret_StoredSealedAndTheAccountStaysDisabledIfItWas()
    {
        await cli.AddAsync(Account("sales"), CancellationToken.None);
        await cli.SetEnabledAsync("sales", enabled: false, CancellationToken.None);

        Assert.Equal(0, await cli.UpdateAsync("sales", _ => { }, "rotated-secret", CancellationToken.None));

        Assert.Equal("rotated-secret", box.Open("sales", store.Rows["sales"].SealedSecret));
        Assert.False(store.Rows["sales"].Enabled);
    }

    [Fact]
    public async Task UpdateAsync_UnknownAccount_Exit1()
    {
        Assert.Equal(1, await cli.UpdateAsync("nobody", _ => { }, null, CancellationToken.None));
        Assert.Contains("no account nobody", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetEnabledAsync_Disable_OnlyTheFlagChanges()
    {
        await cli.AddAsync(Account("sales"), CancellationToken.None);
        var before = store.Rows["sales"];

        Assert.Equal(0, await cli.SetEnabledAsync("sales", enabled: false, CancellationToken.None));

        Assert.Equal(before with { Enabled = false }, store.Rows["sales"]);
    }

    [Fact]
    public async Task RemoveAsync_KnownThenAgain_Exit0ThenExit1()
    {
        await cli.AddAsync(Account("sales"), CancellationToken.None);

        Assert.Equal(0, await cli.RemoveAsync("sales", CancellationToken.None));
        Assert.Equal(1, await cli.RemoveAsync("sales", CancellationToken.None));
        Assert.Empty(store.Rows);
    }

    [Fact]
    public void ReadSecret_FromTheNamedEnvironmentVariable_ItsValue()
    {
        var secret = AccountsCli.ReadSecret("SALES_SECRET", stdin: false, new StringReader(string.Empty), n => n == "SALES_SECRET" ? Secret : null, errors);

        Assert.Equal(Secret, secret);
    }

    [Fact]
    public void ReadSecret_FromStdin_TheFirstLine()
    {
        Assert.Equal(Secret, AccountsCli.ReadSecret(null, stdin: true, new StringReader($"{Secret}\nignored\n"), _ => null, errors));
    }

    [Theory]
    [InlineData("SALES_SECRET", true)]
    [InlineData(null, false)]
    [InlineData("UNSET", false)]
    public void ReadSecret_BothNeitherOrAnEmptyVariable_NullWithAMessage(string? variable, bool stdin)
    {
        Assert.Null(AccountsCli.ReadSecret(variable, stdin, new StringReader(Secret), n => n == "SALES_SECRET" ? Secret : null, errors));
        Assert.NotEmpty(errors.ToString());
    }

    [Fact]
    public async Task RunAsync_Sqlite_Exit2WithoutTouchingAStore()
    {
        var touched = false;

        var code = await AccountsCommand.RunAsync(["--State:Provider=Sqlite"], store, _ =>
        {
            touched = true;
            return Task.FromResult(0);
        }, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.False(touched);
    }

    [Fact]
    public async Task RunAsync_PostgresWithoutAConnectionString_Exit2()
    {
        Assert.Equal(2, await AccountsCommand.RunAsync(["--State:Provider=Postgres"], null, _ => Task.FromResult(0), CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_PostgresWithAStoreAndAKey_RunsTheCommand()
    {
        var key = SecretBox.NewKey();

        var code = await AccountsCommand.RunAsync(["--State:Provider=Postgres", $"--State:SecretKey={key}"], store, c => c.ListAsync(CancellationToken.None), CancellationToken.None);

        Assert.Equal(0, code);
    }

    private static AccountOptions Account(string name) => new()
    {
        Name = name,
        BaseUrl = "http://127.0.0.1:5080",
        TenantId = "1",
        AppKey = "app",
        AccessKey = "access-key-0001",
        AccessSecret = Secret,
        TimeZone = "Asia/Shanghai",
    };
}
