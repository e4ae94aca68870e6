using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Methods.Diagnostics;

/// <summary>This process's memory for <c>status.processMemory</c>: working set, and managed heap in use / committed.</summary>
internal static class ProcessMemoryReader
{
    public static ProcessMemoryStatus Read() =>
        new(Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes);
}
