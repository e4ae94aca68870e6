using OpenClaw.Grains.Agents.Tools;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>
/// Where an agent works and what its system prompt says. The workspace helper's <c>AgentWorkspace</c> and
/// <c>SystemPromptBuilder</c> plug in here; <see cref="DefaultAgentPromptSource"/> is the fallback.
/// </summary>
public interface IAgentPromptSource
{
    /// <summary>The agent's workspace directory (also the transcript header's <c>cwd</c>).</summary>
    string WorkspaceFor(string agentId);

    string BuildSystemPrompt(string agentId, string workspaceDir, IReadOnlyList<IAgentTool> tools, string? extraSystemPrompt, DateTimeOffset now);
}
