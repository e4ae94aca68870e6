using OpenClaw.Configuration.Model;

namespace OpenClaw.Grains.Agents.Workspace;

/// <summary>
/// Where an agent works: the directory its file and exec tools are confined to and its AGENTS.md/SOUL.md/USER.md
/// live in. As in OpenClaw: the agent entry's <c>workspace</c>; for the default agent then
/// <c>agents.defaults.workspace</c>, else <c>&lt;stateDir&gt;/workspace</c>; for any other agent
/// <c>&lt;stateDir&gt;/workspace-&lt;id&gt;</c> (so agents never share one by accident). With the default state dir
/// these are <c>~/.openclaw/workspace</c> and <c>~/.openclaw/workspace-&lt;id&gt;</c>.
/// </summary>
public static class AgentWorkspace
{
    /// <summary>The agent's workspace directory, created if it does not exist yet.</summary>
    /// <param name="home">For a leading <c>~</c>.</param>
    /// <param name="stateDir">For the defaults and for relative configured paths.</param>
    public static string Resolve(string agentId, OpenClawConfig config, string stateDir, string home)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        ArgumentNullException.ThrowIfNull(config);
        var directory = Locate(agentId, config, stateDir, home);
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>The directory <see cref="Resolve"/> would return, without creating it.</summary>
    public static string Locate(string agentId, OpenClawConfig config, string stateDir, string home)
    {
        var agents = config.Agents;
        var configured = agents.Entries.TryGetValue(agentId, out var entry) ? NonEmpty(entry.Workspace) : null;
        if (agentId == agents.DefaultAgentId) configured ??= NonEmpty(agents.Defaults.Workspace);
        if (configured is not null) return Expand(configured, stateDir, home);
        var name = agentId == agents.DefaultAgentId ? "workspace" : $"workspace-{agentId}";
        return Path.GetFullPath(Path.Combine(stateDir, name));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Expand(string path, string stateDir, string home)
    {
        if (path == "~") return Path.GetFullPath(home);
        if (path.StartsWith("~/", StringComparison.Ordinal)) return Path.GetFullPath(Path.Combine(home, path[2..]));
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(stateDir, path));
    }
}
