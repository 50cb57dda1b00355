using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Cluster.Postgres;

/// <summary>
/// The cluster's tables in the PostgreSQL state database: the live instances, one lease row per account (its token
/// only ever grows, the row is never deleted), the history of every holding, and the accounts managed at runtime.
/// Instants are <c>timestamptz</c> on the database's clock, the one clock every instance shares.
/// </summary>
public static class PostgresClusterSchema
{
    /// <summary>Version 4: <c>instances</c>, <c>leases</c>, <c>lease_history</c> and <c>accounts</c>.</summary>
    public static PostgresMigration Migration { get; } = new(4, "instances, leases, lease_history and accounts", """
        CREATE TABLE instances (
            id text NOT NULL PRIMARY KEY,
            expires_at timestamptz NOT NULL);
        CREATE TABLE leases (
            account text NOT NULL PRIMARY KEY,
            owner text NOT NULL,
            token bigint NOT NULL,
            acquired_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL);
        CREATE TABLE lease_history (
            account text NOT NULL,
            token bigint NOT NULL,
            owner text NOT NULL,
            acquired_at timestamptz NOT NULL,
            ended_at timestamptz NOT NULL,
            PRIMARY KEY (account, token));
        CREATE TABLE accounts (
            name text NOT NULL PRIMARY KEY,
            base_url text NOT NULL,
            tenant_id text NOT NULL,
            app_key text NOT NULL,
            access_key text NOT NULL,
            sealed_secret text NOT NULL,
            time_zone text NOT NULL,
            poll_interval_ms bigint NULL,
            allow_insecure_transport boolean NOT NULL,
            enabled boolean NOT NULL);
        """);
}
