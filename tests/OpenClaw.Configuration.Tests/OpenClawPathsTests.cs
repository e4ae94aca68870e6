namespace OpenClaw.Configuration.Tests;

/// <summary>Where config and state live, from OPENCLAW_STATE_DIR / OPENCLAW_CONFIG_PATH.</summary>
public class OpenClawPathsTests
{
    private static OpenClawPaths Resolve(params (string Name, string Value)[] env) =>
        OpenClawPaths.Resolve(name => env.FirstOrDefault(e => e.Name == name).Value, "/home/u");

    [Fact]
    public void Resolve_NoVariables_UsesHomeDotOpenClaw()
    {
        var paths = Resolve();

        Assert.Equal("/home/u/.openclaw", paths.StateDir);
        Assert.Equal("/home/u/.openclaw/openclaw.json", paths.ConfigPath);
        Assert.Equal("/home/u/.openclaw", paths.ConfigDir);
    }

    [Fact]
    public void Resolve_StateDirVariable_MovesStateAndConfig()
    {
        var paths = Resolve(("OPENCLAW_STATE_DIR", "~/state"));

        Assert.Equal("/home/u/state", paths.StateDir);
        Assert.Equal("/home/u/state/openclaw.json", paths.ConfigPath);
    }

    [Fact]
    public void Resolve_ConfigPathVariable_OverridesOnlyTheConfigFile()
    {
        var paths = Resolve(("OPENCLAW_STATE_DIR", "/srv/oc"), ("OPENCLAW_CONFIG_PATH", "/etc/openclaw/main.json5"));

        Assert.Equal("/srv/oc", paths.StateDir);
        Assert.Equal("/etc/openclaw/main.json5", paths.ConfigPath);
    }

    [Fact]
    public void StateLayout_FollowsOpenClawLegacyLayout()
    {
        var paths = Resolve(("OPENCLAW_STATE_DIR", "/s"));

        Assert.Equal("/s/agents/main/sessions", paths.AgentSessionsDir("main"));
        Assert.Equal("/s/cron", paths.CronDir);
        Assert.Equal("/s/cron/runs", paths.CronRunsDir);
        Assert.Equal("/s/credentials", paths.CredentialsDir);
        Assert.Equal("/s/devices", paths.DevicesDir);
        Assert.Equal("/s/delivery-queue", paths.DeliveryQueueDir);
        Assert.Equal("/s/logs", paths.LogsDir);
    }

    [Fact]
    public void IncludeRoots_AreConfigDirPlusVariableEntries()
    {
        var roots = OpenClawPaths.IncludeRoots("/etc/oc/openclaw.json", n => n == "OPENCLAW_INCLUDE_ROOTS" ? $"/shared{Path.PathSeparator} ~/more " : null, "/home/u");

        Assert.Equal(["/etc/oc", "/shared", "/home/u/more"], roots);
    }
}
