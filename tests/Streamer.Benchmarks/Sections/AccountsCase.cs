namespace Streamer.Benchmarks.Sections;

/// <summary>One setting of (j): how many accounts, and whether tenant 0 is a busy account beside them.</summary>
/// <param name="Name">The figures' infix.</param>
/// <param name="Accounts">Accounts the worker polls, one per simulator tenant.</param>
/// <param name="BusyRate">Changes per second of tenant 0 on top of every tenant's 1 change per minute; 0 for none.</param>
public sealed record AccountsCase(string Name, int Accounts, double BusyRate = 0);
