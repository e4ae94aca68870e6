using OpenClaw.Configuration;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Agents.Tools;

namespace OpenClaw.Grains.Agents.Workspace;

/// <summary>
/// Agent runs' workspace and system prompt from <see cref="AgentWorkspace"/> and <see cref="SystemPromptBuilder"/>,
/// against the current config (a reload applies to the next run).
/// </summary>
public sealed class WorkspacePromptSource(IOpenClawConfigSource config, string stateDirectory, string homeDirectory) : IAgentPromptSource
{
    public string WorkspaceFor(string agentId) =>
        AgentWorkspace.Resolve(agentId, config.Current.Config, stateDirectory, homeDirectory);

    public string BuildSystemPrompt(string agentId, string workspaceDir, IReadOnlyList<IAgentTool> tools, string? extraSystemPrompt, DateTimeOffset now) =>
        SystemPromptBuilder.Build(agentId, workspaceDir, tools, extraSystemPrompt, now);
}
