using OpenClaw.Configuration.Model;
using OpenClaw.Grains.Agents.Tools;
using OpenClaw.Grains.Agents.Tools.Policy;
using OpenClaw.Grains.Tests.Tools.Support;

namespace OpenClaw.Grains.Tests.Tools;

/// <summary>tools.allow/deny and the per-agent lists decide which tools an agent gets; a deny anywhere wins.</summary>
public sealed class ToolPolicyTests
{
    private static readonly string[] AllTools =
        [ToolNames.Exec, ToolNames.Read, ToolNames.Write, ToolNames.Edit, ToolNames.SessionsList, ToolNames.SessionsHistory, ToolNames.SessionsSend];

    private static string[] Allowed(string json5, string agentId = "main")
    {
        var policy = ToolPolicy.For(TestConfig.Load(json5), agentId);
        return [.. AllTools.Where(policy.Allows)];
    }

    [Fact]
    public void Policy_NoToolsConfig_AllowsEverything()
    {
        Assert.Equal(AllTools, Allowed("{}"));
    }

    [Fact]
    public void Policy_GlobalAllowList_AllowsOnlyThose()
    {
        Assert.Equal([ToolNames.Exec, ToolNames.Read], Allowed("{ tools: { allow: ['read', 'exec'] } }"));
    }

    [Fact]
    public void Policy_GlobalDeny_RemovesThoseFromAll()
    {
        Assert.DoesNotContain(ToolNames.Exec, Allowed("{ tools: { deny: ['exec'] } }"));
        Assert.Equal(6, Allowed("{ tools: { deny: ['exec'] } }").Length);
    }

    [Fact]
    public void Policy_Groups_ExpandToTheirTools()
    {
        Assert.Equal([ToolNames.Read, ToolNames.Write, ToolNames.Edit], Allowed("{ tools: { allow: ['group:fs'] } }"));
        Assert.Equal([ToolNames.Exec], Allowed("{ tools: { allow: ['group:runtime'] } }"));
        Assert.Equal([ToolNames.SessionsList, ToolNames.SessionsHistory, ToolNames.SessionsSend], Allowed("{ tools: { allow: ['group:sessions'] } }"));
    }

    [Fact]
    public void Policy_DenyWinsOverAllowInTheSameList()
    {
        Assert.Equal([ToolNames.Read, ToolNames.Edit], Allowed("{ tools: { allow: ['group:fs'], deny: ['write'] } }"));
        Assert.Empty(Allowed("{ tools: { allow: ['*'], deny: ['*'] } }"));
    }

    [Fact]
    public void Policy_StarAndGlobs_Match()
    {
        Assert.Equal(AllTools, Allowed("{ tools: { allow: ['*'] } }"));
        Assert.Equal([ToolNames.Exec, ToolNames.Read, ToolNames.Write, ToolNames.Edit], Allowed("{ tools: { deny: ['sessions_*'] } }"));
    }

    [Fact]
    public void Policy_EntriesIgnoreCase()
    {
        Assert.Equal([ToolNames.Exec], Allowed("{ tools: { allow: ['EXEC'] } }"));
    }

    [Fact]
    public void Policy_UnknownGroup_MatchesNothing()
    {
        Assert.Empty(Allowed("{ tools: { allow: ['group:nope'] } }"));
    }

    [Fact]
    public void Policy_PerAgentLists_ApplyOnlyToThatAgent()
    {
        const string config = "{ agents: { entries: { main: {}, coder: { tools: { allow: ['group:fs', 'exec'], deny: ['edit'] } } } } }";

        Assert.Equal([ToolNames.Exec, ToolNames.Read, ToolNames.Write], Allowed(config, "coder"));
        Assert.Equal(AllTools, Allowed(config, "main"));
    }

    [Fact]
    public void Policy_GlobalDeny_WinsOverAnAgentAllow()
    {
        const string config = "{ tools: { deny: ['exec'] }, agents: { entries: { main: { tools: { allow: ['exec', 'read'] } } } } }";

        Assert.Equal([ToolNames.Read], Allowed(config));
    }

    [Fact]
    public void Policy_AgentAllow_CanOnlyNarrowTheGlobalAllow()
    {
        const string config = "{ tools: { allow: ['group:fs'] }, agents: { entries: { main: { tools: { allow: ['read', 'exec'] } } } } }";

        Assert.Equal([ToolNames.Read], Allowed(config));
    }

    [Fact]
    public void Policy_UnknownAgent_GetsTheGlobalPolicy()
    {
        Assert.Equal([ToolNames.Read], Allowed("{ tools: { allow: ['read'] } }", "stranger"));
    }

    [Theory]
    [InlineData("exec")]
    [InlineData("write")]
    [InlineData("edit")]
    [InlineData("sessions_send")]
    [InlineData("fs_write")]
    [InlineData("gateway")]
    public void HttpPolicy_DefaultDenyList_RefusesDangerousTools(string tool)
    {
        Assert.Contains(tool, ToolPolicy.DefaultHttpDeny);
        Assert.False(ToolPolicy.AllowsOverHttp(tool, null));
    }

    [Theory]
    [InlineData("read")]
    [InlineData("sessions_list")]
    [InlineData("sessions_history")]
    public void HttpPolicy_ReadOnlyTools_AreAllowedByDefault(string tool)
    {
        Assert.True(ToolPolicy.AllowsOverHttp(tool, null));
    }

    [Fact]
    public void HttpPolicy_GatewayAllow_LiftsADefaultDenyAndGatewayDenyAddsOne()
    {
        var gatewayTools = new ToolPolicyConfig { Allow = ["exec"], Deny = ["read"] };

        Assert.True(ToolPolicy.AllowsOverHttp("exec", gatewayTools));
        Assert.False(ToolPolicy.AllowsOverHttp("read", gatewayTools));
        Assert.False(ToolPolicy.AllowsOverHttp("write", gatewayTools));
        Assert.True(ToolPolicy.AllowsOverHttp("sessions_list", gatewayTools));
    }
}
