namespace Streamer.Worker.Cluster;

/// <summary>
/// What a state write of a leased account carries so that the backend can refuse it in the same transaction: the
/// writing instance, the account, and the fencing token of the lease it was given. The write commits only while the
/// lease row of <paramref name="Account"/> still names <paramref name="Instance"/> with <paramref name="Token"/> and has
/// not expired; any other lease (taken over, re-acquired, expired) makes it a <see cref="FencedWriteRefusedException"/>.
/// </summary>
/// <param name="Instance">The writing instance's id.</param>
/// <param name="Account">The account written.</param>
/// <param name="Token">The lease's fencing token: it grows on every acquisition of the account's lease.</param>
public sealed record FencingToken(string Instance, string Account, long Token);
