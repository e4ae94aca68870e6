using System.Runtime.InteropServices;

namespace OpenClaw.Bench;

/// <summary>The few libc calls .NET has no API for: SIGTERM to one pid, and the open-file limit children inherit.</summary>
internal static partial class NativeMethods
{
    private const int SigTerm = 15;
    private const int RlimitNoFile = 7; // Linux RLIMIT_NOFILE

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);

    public static bool SendSigTerm(int pid) => Kill(pid, SigTerm) == 0;

    /// <summary>Raises this process's soft open-file limit toward <paramref name="wanted"/> (capped by the hard limit);
    /// the gateway child inherits it. Returns the soft limit in effect afterwards.</summary>
    public static long RaiseOpenFileLimit(long wanted)
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNoFile, out var limit) != 0)
            return -1;
        if (limit.Current >= (ulong)wanted)
            return (long)limit.Current;
        var raised = limit with { Current = Math.Min((ulong)wanted, limit.Maximum) };
        return SetRLimit(RlimitNoFile, raised) == 0 ? (long)raised.Current : (long)limit.Current;
    }
}
