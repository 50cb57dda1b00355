namespace Streamer.Testing;

/// <summary>Locates the repository checkout the tests run from.</summary>
public static class RepositoryRoot
{
    private const string Marker = "Streamer.sln";

    /// <summary>
    /// The folder holding Streamer.sln, found by walking up from the test assembly's folder
    /// (bin/&lt;config&gt;/net10.0 sits inside the checkout).
    /// </summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above '{AppContext.BaseDirectory}' holds {Marker}; run the tests from a checkout of the repository.");
    }
}
