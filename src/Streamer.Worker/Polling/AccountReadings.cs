using Streamer.Worker.Health;

namespace Streamer.Worker.Polling;

/// <summary>What the worker shows per account (health, the filter gauge), forgotten when an account leaves this instance.</summary>
internal sealed class AccountReadings(AccountHealth health, FilterBoard filters)
{
    public void Forget(string account)
    {
        health.Forget(account);
        filters.Forget(account);
    }
}
