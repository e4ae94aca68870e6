namespace OpenClaw.Grains.Tests.Tools.Support;

public static class ToolTestTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);
}
