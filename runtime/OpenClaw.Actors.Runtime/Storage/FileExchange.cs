using System.Runtime.InteropServices;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// Atomically swaps two directory entries (Linux <c>renameat2(RENAME_EXCHANGE)</c>), which .NET has no API for.
/// <see cref="AtomicFile"/> uses it to replace a file without creating or deleting an inode: on ext4 without a journal
/// every new inode is found by scanning past the recently deleted ones, and a create + rename-over per state write
/// was the single largest kernel cost of a chat run.
/// </summary>
internal static class FileExchange
{
    private const int AtCurrentDirectory = -100;
    private const uint RenameExchange = 2;
    private const int NoSuchFile = 2;

    public enum Result
    {
        Exchanged,
        /// <summary>One of the two does not exist (nothing changed).</summary>
        Missing,
        /// <summary>The platform or file system cannot exchange (nothing changed).</summary>
        Unsupported,
    }

    public static Result TryExchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux()) return Result.Unsupported;
        try
        {
            if (RenameAt2(AtCurrentDirectory, first, AtCurrentDirectory, second, RenameExchange) == 0) return Result.Exchanged;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return Result.Unsupported; // a libc without renameat2
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == NoSuchFile) return Result.Missing;
        // EINVAL, ENOSYS, EOPNOTSUPP, EXDEV, …: this file system will not do it; the caller replaces the usual way.
        return Result.Unsupported;
    }

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(
        int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
        int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}
