namespace Streamer.Worker.Media;

/// <summary>Recognizes a full disk (or an exhausted quota) among I/O errors, which carry the OS error as their HResult.</summary>
public static class DiskFull
{
    // ENOSPC is 28 on Linux and macOS; EDQUOT is 122 on Linux and 69 on macOS.
    private const int NoSpace = 28;
    private const int LinuxQuota = 122;
    private const int MacQuota = 69;

    // ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL as HRESULTs.
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    /// <summary>Whether <paramref name="exception"/>, or one it wraps, is a full disk.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException { HResult: var code } && IsDiskFull(code))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDiskFull(int code) =>
        OperatingSystem.IsWindows() ? code is WindowsHandleDiskFull or WindowsDiskFull
        : code == NoSpace || code == (OperatingSystem.IsMacOS() ? MacQuota : LinuxQuota);
}
