using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace Streamer.Worker.Configuration;

/// <summary>
/// Validates every account, naming the setting in each message (DataAnnotations do not recurse into lists). None
/// configured is an error unless <paramref name="accountsTable"/>: with PostgreSQL, accounts may all live in its table.
/// </summary>
public sealed class AccountsOptionsValidator(bool accountsTable = false) : IValidateOptions<AccountsOptions>
{
    private static readonly TimeSpan MinInterval = TimeSpan.Parse(PollingOptions.MinInterval, CultureInfo.InvariantCulture);
    private static readonly TimeSpan MaxInterval = TimeSpan.Parse(PollingOptions.MaxInterval, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        var errors = new List<string>();
        if (options.Items.Count == 0 && !accountsTable)
        {
            errors.Add("Accounts: no account is configured; set Accounts__0__Name, Accounts__0__BaseUrl, Accounts__0__TenantId, Accounts__0__AppKey, Accounts__0__AccessKey, Accounts__0__AccessSecret and Accounts__0__TimeZone.");
        }

        for (var i = 0; i < options.Items.Count; i++)
        {
            var account = options.Items[i];
            var prefix = $"Accounts:{i}";
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(account, new ValidationContext(account), results, validateAllProperties: true);
            errors.AddRange(results.Select(r => $"{prefix}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));

            if (!string.IsNullOrEmpty(account.BaseUrl))
            {
                errors.AddRange(BaseUrlErrors(account, i));
            }

            if (!string.IsNullOrEmpty(account.TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(account.TimeZone, out _))
            {
                errors.Add($"{prefix}:TimeZone: '{account.TimeZone}' is not a known time zone id (use an IANA id such as Asia/Shanghai).");
            }

            if (account.PollInterval is { } interval && (interval < MinInterval || interval > MaxInterval))
            {
                errors.Add($"{prefix}:PollInterval: must be between {PollingOptions.MinInterval} and {PollingOptions.MaxInterval}, as Polling:Interval.");
            }

            if (options.Items.Take(i).Any(other => string.Equals(other.Name, account.Name, StringComparison.Ordinal)))
            {
                errors.Add($"{prefix}:Name: '{account.Name}' is used by another account; names must be unique.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> BaseUrlErrors(AccountOptions account, int index)
    {
        // The host only, never the URL: a URL may carry user information.
        if (!Uri.TryCreate(account.BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            var what = uri is { Host.Length: > 0 } ? $"the URL to {uri.Host}" : "the value";
            yield return $"Accounts:{index}:BaseUrl: {what} is not an absolute http(s) URL such as https://api-hk.nxlink.ai.";
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !account.AllowInsecureTransport && !LoopbackHost.Is(uri.Host))
        {
            yield return $"Accounts:{index}:BaseUrl: plain http to {uri.Host} would send the access key, the signed requests and every record unencrypted; use https, or set Accounts__{index}__AllowInsecureTransport=true to accept that (loopback hosts need neither).";
        }
    }
}
