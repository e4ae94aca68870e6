using System.Diagnostics;
using System.Runtime.InteropServices;

namespace OpenClaw.Grains.Agents.Tools.Exec;

/// <summary>
/// Kills everything a command started. The shell runs under setsid(1), so it leads its own process group and
/// background jobs (<c>sleep 30 &amp;</c>) die with it even after they were re-parented; the descendant walk of
/// <see cref="Process.Kill(bool)"/> is the fallback when setsid is not installed.
/// </summary>
internal static class ProcessGroup
{
    public const string SetsidPath = "/usr/bin/setsid";
    private const int SigKill = 9;

    public static bool CanIsolate => File.Exists(SetsidPath);

    /// <summary>SIGKILL to the process group led by <paramref name="process"/> (when it leads one) and to its descendants.</summary>
    public static void KillAll(Process process)
    {
        if (LeadsOwnGroup(process.Id)) _ = kill(-process.Id, SigKill);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited: the group kill above took care of the rest.
        }
    }

    // Only signal a group this process really leads: a negative pid names a group, and a wrong one would hit strangers.
    private static bool LeadsOwnGroup(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the parenthesised command name: state ppid pgrp ...
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 2 && fields[2] == pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport: the generated stub would need AllowUnsafeBlocks for one blittable call.
    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
