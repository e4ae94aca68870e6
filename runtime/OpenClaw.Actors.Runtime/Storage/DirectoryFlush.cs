using System.Runtime.InteropServices;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// Flushes a directory's entries to disk (<c>fsync</c> on the directory), which .NET has no API for: a rename or an
/// exchange of names is durable only once its directory is flushed.
/// </summary>
internal static class DirectoryFlush
{
    private const int ReadOnly = 0;

    /// <summary>False where the platform cannot (not Linux, no libc entry point, or the open/fsync failed): callers
    /// then have the guarantee of a rename without a directory flush, as before.</summary>
    public static bool TryFlush(string directory)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            var descriptor = Open(directory, ReadOnly);
            if (descriptor < 0) return false;
            try
            {
                return Fsync(descriptor) == 0;
            }
            finally
            {
                _ = Close(descriptor);
            }
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
