using System.Text.Json.Nodes;
using OpenClaw.Grains.Agents.Tools;
using OpenClaw.Grains.Agents.Workspace;
using OpenClaw.Grains.Tests.Tools.Support;

namespace OpenClaw.Grains.Tests.Workspace;

/// <summary>The system prompt names the agent, time, workspace and tools, and carries the workspace's context files within caps.</summary>
public sealed class SystemPromptBuilderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 15, 9, 26, TimeSpan.FromHours(2));
    private readonly TempDirectory _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private string Build(IEnumerable<IAgentTool>? tools = null, string? extra = null, SystemPromptLimits? limits = null) =>
        SystemPromptBuilder.Build("main", _workspace.Path, tools ?? [new FakeTool("exec", "Run a command. More detail.")], extra, Now, limits);

    [Fact]
    public void Build_NoContextFiles_HasIdentityTimeWorkspaceAndTools()
    {
        var prompt = Build();

        Assert.Contains("OpenClaw agent \"main\"", prompt);
        Assert.Contains("2026-03-14 13:09 UTC (Saturday)", prompt);
        Assert.Contains($"Workspace: {_workspace.Path}", prompt);
        Assert.Contains("- exec: Run a command.\n", prompt);
        Assert.DoesNotContain("More detail", prompt);
        Assert.DoesNotContain("Project context", prompt);
    }

    [Fact]
    public void Build_ContextFiles_AreIncludedInOrderUnderTheirNames()
    {
        _workspace.Write("USER.md", "The user is Ada.");
        _workspace.Write("AGENTS.md", "Be careful with rm.");
        _workspace.Write("SOUL.md", "Calm and concise.");

        var prompt = Build();

        var agents = prompt.IndexOf("## AGENTS.md\n\nBe careful with rm.", StringComparison.Ordinal);
        var soul = prompt.IndexOf("## SOUL.md\n\nCalm and concise.", StringComparison.Ordinal);
        var user = prompt.IndexOf("## USER.md\n\nThe user is Ada.", StringComparison.Ordinal);
        Assert.True(agents > 0 && soul > agents && user > soul, prompt);
    }

    [Fact]
    public void Build_SomeFilesMissing_IncludesTheOthers()
    {
        _workspace.Write("SOUL.md", "Only a soul.");

        var prompt = Build();

        Assert.Contains("## SOUL.md\n\nOnly a soul.", prompt);
        Assert.DoesNotContain("AGENTS.md", prompt);
        Assert.DoesNotContain("USER.md", prompt);
    }

    [Fact]
    public void Build_FileOverThePerFileCap_IsCutWithANote()
    {
        _workspace.Write("AGENTS.md", new string('a', 500));

        var prompt = Build(limits: new SystemPromptLimits(PerFileChars: 100, TotalFileChars: 1000));

        Assert.Contains("\n" + new string('a', 100) + "\n[AGENTS.md truncated: showing its first 100 characters of 500 bytes", prompt);
        Assert.DoesNotContain(new string('a', 101), prompt);
    }

    [Fact]
    public void Build_FilesOverTheTotalCap_LaterOnesAreCutThenLeftOut()
    {
        _workspace.Write("AGENTS.md", new string('a', 80));
        _workspace.Write("SOUL.md", new string('s', 80));
        _workspace.Write("USER.md", new string('u', 80));

        var prompt = Build(limits: new SystemPromptLimits(PerFileChars: 100, TotalFileChars: 120));

        Assert.Contains(new string('a', 80), prompt);
        Assert.Contains("\n" + new string('s', 40) + "\n[SOUL.md truncated", prompt);
        Assert.Contains("[USER.md left out", prompt);
        Assert.DoesNotContain("uuu", prompt);
    }

    [Fact]
    public void Build_DefaultLimits_AreTwentyThousandPerFileAndSixtyThousandTotal()
    {
        foreach (var name in SystemPromptBuilder.ContextFiles) _workspace.Write(name, new string('z', 30_000));

        var prompt = Build();

        Assert.Equal(60_000, prompt.Count(c => c == 'z'));
        Assert.Equal(3, prompt.Split("truncated: showing its first 20000 characters").Length - 1);
    }

    [Fact]
    public void Build_ExtraSystemPromptAndNoTools_AreStated()
    {
        var prompt = Build(tools: [], extra: "Answer in French.");

        Assert.Contains("No tools are available", prompt);
        Assert.EndsWith("## Additional instructions\n\nAnswer in French.\n", prompt);
    }

    private sealed class FakeTool(string name, string description) : IAgentTool
    {
        public string Name => name;
        public string Description => description;
        public JsonObject ParametersSchema => new() { ["type"] = "object" };
        public Task<ToolResult> InvokeAsync(JsonObject arguments, ToolContext context, CancellationToken cancellationToken) =>
            Task.FromResult(new ToolResult("ok"));
    }
}
