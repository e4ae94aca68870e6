using OpenClaw.Grains.Agents.Workspace;
using OpenClaw.Grains.Tests.Tools.Support;

namespace OpenClaw.Grains.Tests.Workspace;

/// <summary>Each agent gets a workspace directory, from its config entry, the defaults (default agent) or the state dir.</summary>
public sealed class AgentWorkspaceTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private string StateDir => _root.File("state");
    private string Home => _root.File("home");

    public void Dispose() => _root.Dispose();

    private string Resolve(string agentId, string json5) =>
        AgentWorkspace.Resolve(agentId, TestConfig.Load(json5).Config, StateDir, Home);

    [Fact]
    public void Resolve_NothingConfigured_UsesStateDirWorkspaceForTheDefaultAgentAndCreatesIt()
    {
        var directory = Resolve("main", "{}");

        Assert.Equal(Path.Combine(StateDir, "workspace"), directory);
        Assert.True(Directory.Exists(directory));
    }

    [Fact]
    public void Resolve_OtherAgentWithNothingConfigured_GetsItsOwnWorkspace()
    {
        Assert.Equal(Path.Combine(StateDir, "workspace-coder"), Resolve("coder", "{ agents: { entries: { main: {}, coder: {} } } }"));
    }

    [Fact]
    public void Resolve_DefaultsWorkspace_AppliesToTheDefaultAgentWithTildeExpanded()
    {
        const string config = "{ agents: { defaults: { workspace: '~/projects/ws' }, entries: { main: {}, coder: {} } } }";

        Assert.Equal(Path.Combine(Home, "projects", "ws"), Resolve("main", config));
        Assert.Equal(Path.Combine(StateDir, "workspace-coder"), Resolve("coder", config));
    }

    [Fact]
    public void Resolve_EntryWorkspace_WinsOverDefaults()
    {
        var explicitDir = _root.File("explicit");
        var config = $"{{ agents: {{ defaults: {{ workspace: '~/d' }}, entries: {{ main: {{ workspace: '{explicitDir}' }} }} }} }}";

        Assert.Equal(explicitDir, Resolve("main", config));
    }

    [Fact]
    public void Resolve_RelativeConfiguredWorkspace_IsUnderTheStateDir()
    {
        Assert.Equal(Path.Combine(StateDir, "rel", "ws"), Resolve("main", "{ agents: { entries: { main: { workspace: 'rel/ws' } } } }"));
    }
}
