using System.Text.Json;
using Streamer.Simulator.Control;

namespace Streamer.Benchmarks.Sections;

/// <summary>The worker's <c>ConfigFile</c> with one account per simulator tenant: thousands do not fit in environment variables.</summary>
public static class AccountsConfigFile
{
    /// <summary>Writes the file into <paramref name="directory"/> and returns its path.</summary>
    public static string Write(string directory, Uri baseUrl, TenantList tenants)
    {
        var path = Path.Combine(directory, "accounts.json");
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartArray("Accounts");
        foreach (var tenant in tenants.Tenants)
        {
            json.WriteStartObject();
            json.WriteString("Name", tenant.Name);
            json.WriteString("BaseUrl", baseUrl.ToString());
            json.WriteString("TenantId", tenant.TenantId);
            json.WriteString("AppKey", tenant.AppKey);
            json.WriteString("AccessKey", tenant.AccessKey);
            json.WriteString("AccessSecret", tenant.AccessSecret);
            json.WriteString("TimeZone", tenants.TimeZone);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        return path;
    }
}
