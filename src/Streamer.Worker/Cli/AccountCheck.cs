using System.Globalization;
using Streamer.Nxlink;

namespace Streamer.Worker.Cli;

/// <summary>One signed request (a page of one record) to an account's API, turned into a check line.</summary>
internal static class AccountCheck
{
    public static async Task<CheckResult> RunAsync(NxlinkClient client, NxlinkAccount account, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var subject = $"account {account.Name}";
        try
        {
            string? clockNote = null;
            ChatRecordsResponse page;
            try
            {
                page = await RequestAsync(client, account, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (NxlinkClockSkewException)
            {
                // The client learnt nxlink's clock from the answer; the worker retries the same way.
                page = await RequestAsync(client, account, timeout, cancellationToken).ConfigureAwait(false);
                clockNote = string.Create(CultureInfo.InvariantCulture, $"; this machine's clock is {client.ClockOffset(account).TotalSeconds:0} s off nxlink's: Streamer corrects for it, but synchronise the clock (NTP)");
            }

            var total = page.Total?.ToString("N0", CultureInfo.InvariantCulture) ?? "?";
            return new CheckResult(true, subject, $"signed request accepted by {account.BaseUrl.GetLeftPart(UriPartial.Authority)} (tenant {account.TenantId}, {total} records){clockNote}.");
        }
        catch (NxlinkConfigurationException ex)
        {
            // The message names what was refused and ends with "Fix: ...".
            return new CheckResult(false, subject, ex.Message);
        }
        catch (NxlinkTransientException ex)
        {
            return new CheckResult(false, subject, $"{ex.Message} Fix: check BaseUrl ({account.BaseUrl}) and that this machine reaches it; if nxlink itself is failing, try again later.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new CheckResult(false, subject, string.Create(CultureInfo.InvariantCulture, $"no answer from {account.BaseUrl} within {timeout.TotalSeconds:0} s. Fix: check BaseUrl and the network path to it."));
        }
    }

    private static async Task<ChatRecordsResponse> RequestAsync(NxlinkClient client, NxlinkAccount account, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        return await client.GetPageAsync(account, new ChatRecordsQuery { PageSize = 1 }, deadline.Token).ConfigureAwait(false);
    }
}
