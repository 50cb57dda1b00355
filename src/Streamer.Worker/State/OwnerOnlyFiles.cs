namespace Streamer.Worker.State;

/// <summary>
/// Folders (0700) and files (0600) only the worker's user can read, for the state file and the archived media,
/// which hold message data. On Unix the modes are set as they are created; existing ones are left as they are.
/// Windows has no such modes: there the folder's inherited ACL applies.
/// </summary>
public static class OwnerOnlyFiles
{
    /// <summary>rwx for the owner only.</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw for the owner only.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> and its missing parents, owner-only.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            // The mode applies to the folder named only: each missing parent is created on its own.
            var missing = new Stack<string>();
            for (var folder = Path.GetFullPath(path); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
            {
                missing.Push(folder);
            }

            foreach (var folder in missing)
            {
                Directory.CreateDirectory(folder, FolderMode);
            }
        }
    }

    /// <summary>Options that create a file owner-only, from <paramref name="options"/>.</summary>
    public static FileStreamOptions Creating(FileStreamOptions options)
    {
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>Creates <paramref name="path"/> empty and owner-only unless it exists; true when it was created.</summary>
    public static bool CreateEmptyFile(string path)
    {
        try
        {
            using var file = new FileStream(path, Creating(new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write }));
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }
}
