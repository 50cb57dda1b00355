using Npgsql;
using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Cluster.Postgres;

/// <summary>
/// The fence of every leased commit, inside its transaction: the account's lease row must still name the writer with
/// the commit's token and be unexpired on the database's clock. The row is locked <c>FOR SHARE</c>, so a takeover
/// (an update of that row) waits until the commit ended: a write is either before the next owner's acquisition or
/// refused. A commit without a fence (no leases: one worker alone) is not checked.
/// </summary>
internal sealed class PostgresLeaseFence : IPostgresCommitFence
{
    private const string CheckSql = "SELECT 1 FROM leases WHERE account = $1 AND owner = $2 AND token = $3 AND expires_at > now() FOR SHARE";

    /// <inheritdoc />
    public async Task CheckAsync(NpgsqlTransaction transaction, string account, FencingToken? fence, CancellationToken cancellationToken)
    {
        if (fence is null)
        {
            return;
        }

        await using var command = new NpgsqlCommand(CheckSql, transaction.Connection, transaction);
        command.Parameters.Add(new() { Value = account });
        command.Parameters.Add(new() { Value = fence.Instance });
        command.Parameters.Add(new() { Value = fence.Token });
        if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new FencedWriteRefusedException(fence);
        }
    }
}
