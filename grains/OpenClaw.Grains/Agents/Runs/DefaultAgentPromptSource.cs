using System.Globalization;
using System.Text;
using OpenClaw.Configuration;
using OpenClaw.Configuration.Model;
using OpenClaw.Grains.Agents.Tools;
using OpenClaw.Grains.Storage;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>
/// A plain prompt (identity, time, tools, extra instructions) and OpenClaw's workspace rule: the agent entry's
/// <c>workspace</c>, else <c>agents.defaults.workspace</c>, else <c>&lt;stateDir&gt;/workspace</c> for the default
/// agent and <c>&lt;stateDir&gt;/workspace-&lt;id&gt;</c> for the others. Replaced when the workspace feature is registered.
/// </summary>
public sealed class DefaultAgentPromptSource(IOpenClawConfigSource config, OpenClawStatePaths paths) : IAgentPromptSource
{
    public string WorkspaceFor(string agentId)
    {
        var agents = config.Current.Config.Agents;
        var configured = agents.Entries.GetValueOrDefault(agentId)?.Workspace ?? (agentId == agents.DefaultAgentId ? agents.Defaults.Workspace : null);
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        return agentId == agents.DefaultAgentId || agentId == AgentsConfig.MainAgentId
            ? Path.Combine(paths.StateDirectory, "workspace")
            : Path.Combine(paths.StateDirectory, $"workspace-{agentId}");
    }

    public string BuildSystemPrompt(string agentId, string workspaceDir, IReadOnlyList<IAgentTool> tools, string? extraSystemPrompt, DateTimeOffset now)
    {
        var prompt = new StringBuilder()
            .Append("You are a personal assistant running inside OpenClaw (agent ").Append(agentId).AppendLine(").")
            .Append("Workspace: ").AppendLine(workspaceDir)
            .Append("Current time: ").AppendLine(now.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        if (tools.Count > 0)
        {
            prompt.AppendLine().AppendLine("Tools available:");
            foreach (var tool in tools) prompt.Append("- ").Append(tool.Name).Append(": ").AppendLine(tool.Description);
        }

        if (!string.IsNullOrWhiteSpace(extraSystemPrompt)) prompt.AppendLine().AppendLine(extraSystemPrompt);
        return prompt.ToString();
    }
}
