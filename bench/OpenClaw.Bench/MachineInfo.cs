using System.Runtime.InteropServices;

namespace OpenClaw.Bench;

/// <summary>What the numbers were measured on; printed above the table.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, string LoadAverage)
{
    public static MachineInfo Describe() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ReadLoadAverage());

    public override string ToString() => $"{Cores} cores ({Cpu}), {Os}, {Runtime}; load average at start {LoadAverage}";

    /// <summary>Other work on the machine skews every number here, so the table says how busy it was.</summary>
    private static string ReadLoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        return File.Exists(loadAverage) ? string.Join(' ', File.ReadAllText(loadAverage).Split(' ').Take(3)) : "unknown";
    }

    private static string ReadCpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
            return RuntimeInformation.ProcessArchitecture.ToString();
        var model = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return model?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
