using System.Reflection;
using OpenClaw.Grains.Sessions;

namespace OpenClaw.Grains;

/// <summary>The assembly holding the OpenClaw grain classes, for the silo's grain registration.</summary>
public static class OpenClawGrainsAssembly
{
    public static Assembly Assembly => typeof(SessionIndexGrain).Assembly;
}
