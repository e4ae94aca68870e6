using System.Globalization;

namespace OpenClaw.Bench.Reporting;

/// <summary>Number formats shared by the rows (invariant culture, units spelled out).</summary>
internal static class Format
{
    public static string Milliseconds(TimeSpan span) =>
        span.TotalMilliseconds.ToString(span.TotalMilliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture) + "/s";

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    public static string Megabytes(long kilobytes) =>
        (kilobytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>CPU shares as percent of one core (200% = both cores of a 2-core machine).</summary>
    public static string Cpu((double Gateway, double Bench) cpu) =>
        $"CPU gateway {cpu.Gateway.ToString("0", CultureInfo.InvariantCulture)}%, bench {cpu.Bench.ToString("0", CultureInfo.InvariantCulture)}% of a core";

    public static string Kilobytes(double kilobytes) => kilobytes.ToString("0.0", CultureInfo.InvariantCulture) + " KB";
}
