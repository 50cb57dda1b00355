using Streamer.Simulator.Generation;
using Streamer.Simulator.Store;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Faults;

/// <summary>
/// The pageOneChangeRate knob: before page 2+ of a query is computed, a record on page 1 of the same query
/// (same filters, order and page size) may get a reaction, a real change in the ground truth like live traffic's.
/// Under an updated_at filter that record leaves the window or moves to its end while the client pages, so the
/// later pages shift under it.
/// </summary>
internal sealed class PageDrift(SimulatorClock clock, TenantFaults faults, SimulatorStats stats)
{
    /// <summary>Runs before <paramref name="query"/>'s page is computed; only the generator's own records are candidates.</summary>
    public void BeforePage(Tenant tenant, RecordQuery query)
    {
        var (store, changer) = (tenant.Store, tenant.Changer);
        if (query.PageNumber < 2 || !faults.For(tenant.Index).DrawPageOneChange())
        {
            return;
        }

        lock (store.Gate)
        {
            var second = changer.Advance(clock.NowSecond);
            var eligible = store.PageOf(query with { PageNumber = 1 })
                .FindAll(r => r.Conversation is not null && r.Record.MessageId is not null && changer.MayChange(r, second));
            if (eligible.Count == 0)
            {
                return;
            }

            changer.React(changer.Random.Pick(eligible), second, mayRemove: false);
        }

        stats.PageOneChanged();
    }
}
