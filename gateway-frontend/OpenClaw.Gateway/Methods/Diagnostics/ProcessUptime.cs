using System.Diagnostics;

namespace OpenClaw.Gateway.Methods.Diagnostics;

/// <summary>Time since this process started (the start time is read once; it never changes).</summary>
internal static class ProcessUptime
{
    private static readonly DateTimeOffset StartedAt = ReadStartTime();

    public static TimeSpan Get(TimeProvider time)
    {
        var uptime = time.GetUtcNow() - StartedAt;
        return uptime < TimeSpan.Zero ? TimeSpan.Zero : uptime;
    }

    private static DateTimeOffset ReadStartTime()
    {
        using var process = Process.GetCurrentProcess();
        return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
    }
}
