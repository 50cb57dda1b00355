using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Streamer.Testing;

/// <summary>The few calls of RabbitMQ's management HTTP API the tests need (virtual hosts and permissions).</summary>
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
