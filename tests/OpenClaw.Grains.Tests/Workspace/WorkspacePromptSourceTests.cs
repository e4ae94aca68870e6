using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Configuration;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Agents.Workspace;
using OpenClaw.Grains.Tests.Tools.Support;

namespace OpenClaw.Grains.Tests.Workspace;

/// <summary>With AddOpenClawAgentWorkspace, agent runs get the workspace rules and a prompt carrying the workspace files.</summary>
public sealed class WorkspacePromptSourceTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddOpenClawAgentWorkspace_InEitherOrder_ReplacesTheFallbackPromptSource(bool workspaceFirst)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IOpenClawConfigSource>(TestConfig.Source());
        if (workspaceFirst) services.AddOpenClawAgentWorkspace(_root.File("home"));
        services.AddOpenClawGrainServices(_root.File("state"), useLayoutFiles: false);
        if (!workspaceFirst) services.AddOpenClawAgentWorkspace(_root.File("home"));
        using var provider = services.BuildServiceProvider();

        Assert.IsType<WorkspacePromptSource>(provider.GetRequiredService<IAgentPromptSource>());
    }

    [Fact]
    public void WorkspacePromptSource_CreatesTheWorkspaceAndIncludesItsFiles()
    {
        var source = new WorkspacePromptSource(TestConfig.Source(), _root.File("state"), _root.File("home"));

        var workspace = source.WorkspaceFor("main");
        File.WriteAllText(Path.Combine(workspace, "SOUL.md"), "Be kind.");
        var prompt = source.BuildSystemPrompt("main", workspace, [], null, DateTimeOffset.UnixEpoch);

        Assert.Equal(_root.File("state/workspace"), workspace);
        Assert.Contains("## SOUL.md\n\nBe kind.", prompt);
    }
}
