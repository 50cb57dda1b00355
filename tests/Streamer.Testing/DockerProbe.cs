using DotNet.Testcontainers.Configurations;

namespace Streamer.Testing;

/// <summary>Tells quickly whether a Docker engine answers, so machines without one skip Testcontainers.</summary>
internal static class DockerProbe
{
    public static async Task<bool> IsAvailableAsync(TimeSpan timeout)
    {
        if (!HasDockerHint())
        {
            return false;
        }

        try
        {
            // Testcontainers' own discovery pings each candidate endpoint; null means none answered.
            // It runs in a static initializer, so bound it: a hung endpoint must not stall the tests.
            var discovery = Task.Run(() => TestcontainersSettings.OS.DockerEndpointAuthConfig is not null);
            return await discovery.WaitAsync(timeout);
        }
        catch (Exception)
        {
            return false;
        }
    }

    // Cheap look for anything that could lead to an engine, before paying for Testcontainers' discovery.
    private static bool HasDockerHint()
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE")))
        {
            return true;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var runtimeDir = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string[] candidates =
        [
            "/var/run/docker.sock",
            Path.Combine(home, ".docker", "run", "docker.sock"),
            Path.Combine(home, ".docker", "desktop", "docker.sock"),
            Path.Combine(home, ".testcontainers.properties"),
            string.IsNullOrEmpty(runtimeDir) ? string.Empty : Path.Combine(runtimeDir, "docker.sock"),
        ];
        return candidates.Any(path => path.Length > 0 && File.Exists(path));
    }
}
