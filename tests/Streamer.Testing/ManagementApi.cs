using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Streamer.Testing;

/// <summary>
/// The few calls of RabbitMQ's management HTTP API the tests need: virtual hosts, permissions, a virtual
/// host's connection limit and its connections.
/// </summary>
internal sealed class ManagementApi : IDisposable
{
    private readonly HttpClient _http;

    public ManagementApi(Uri baseUri, string user, string password)
    {
        _http = new HttpClient
        {
            BaseAddress = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
    }

    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("api/overview", UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task CreateVirtualHostAsync(string name, string user, CancellationToken cancellationToken)
    {
        await PutAsync($"api/vhosts/{Segment(name)}", "{}", cancellationToken);
        await PutAsync(
            $"api/permissions/{Segment(name)}/{Segment(user)}",
            """{"configure":".*","write":".*","read":".*"}""",
            cancellationToken);
    }

    public async Task<bool> VirtualHostExistsAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(Relative($"api/vhosts/{Segment(name)}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        return true;
    }

    public async Task DeleteVirtualHostAsync(string name, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync(Relative($"api/vhosts/{Segment(name)}"), cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Sets (or with <see langword="null"/> removes) the virtual host's max-connections limit; 0 refuses every new connection.</summary>
    public async Task SetMaxConnectionsAsync(string virtualHost, int? limit, CancellationToken cancellationToken)
    {
        var path = $"api/vhost-limits/{Segment(virtualHost)}/max-connections";
        if (limit is { } value)
        {
            await PutAsync(path, $$"""{"value":{{value}}}""", cancellationToken);
            return;
        }

        using var response = await _http.DeleteAsync(Relative(path), cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>
    /// Names of the virtual host's connections as the management statistics know them: a connection shows
    /// up there only after the next statistics collection (5 s by default), not when it opens.
    /// </summary>
    public async Task<IReadOnlyList<string>> ConnectionNamesAsync(string virtualHost, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(Relative($"api/vhosts/{Segment(virtualHost)}/connections?columns=name"), cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return json.RootElement.EnumerateArray()
            .Select(c => c.GetProperty("name").GetString())
            .OfType<string>()
            .ToList();
    }

    /// <summary>Closes a connection (the client gets 320 CONNECTION_FORCED with the reason); one already gone is not an error.</summary>
    public async Task CloseConnectionAsync(string name, string reason, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Relative($"api/connections/{Segment(name)}"));
        request.Headers.Add("X-Reason", reason);
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task PutAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.PutAsync(Relative(path), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException(
                $"PUT {path} on the RabbitMQ management API answered {(int)response.StatusCode}: {body}",
                inner: null,
                response.StatusCode);
        }
    }

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static Uri Relative(string path) => new(path, UriKind.Relative);
}
