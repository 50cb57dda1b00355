using Xunit;

namespace Streamer.Testing;

/// <summary>A database of a test's own on the shared <see cref="PostgresServer"/>: created empty, dropped after.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private string? connectionString;

    /// <summary>Its connection string.</summary>
    public string ConnectionString => connectionString ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public async Task InitializeAsync() => connectionString = await PostgresServer.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }
}
