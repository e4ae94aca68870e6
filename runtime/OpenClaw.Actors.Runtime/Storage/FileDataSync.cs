using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// Flushes a file's data (and its size, which reading the data needs) to disk without the rest of its inode
/// (<c>fdatasync</c>), which .NET has no API for. When a write kept the file's size, only the data blocks go to disk;
/// an fsync writes the inode too, for its new modification time.
/// </summary>
internal static class FileDataSync
{
    public static void Flush(SafeFileHandle handle)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                if (DataSync(handle) == 0) return;
                throw new IOException($"fdatasync failed (errno {Marshal.GetLastPInvokeError()}).");
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                // A libc without it: the full flush below.
            }
        }

        RandomAccess.FlushToDisk(handle);
    }

    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int DataSync(SafeFileHandle descriptor);
}
