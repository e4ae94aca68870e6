namespace OpenClaw.Grains.Storage;

/// <summary>Where OpenClaw's per-agent files live, so grains and the layout storage agree on paths.</summary>
public interface ISessionStorePaths
{
    /// <summary><c>&lt;stateDir&gt;/agents/&lt;agentId&gt;/sessions/sessions.json</c>.</summary>
    string SessionStorePath(string agentId);
}

/// <summary>Paths under an OpenClaw state directory (OpenClaw's documented legacy layout).</summary>
public sealed class OpenClawStatePaths(string stateDirectory) : ISessionStorePaths
{
    public string StateDirectory { get; } = stateDirectory;

    public string SessionStorePath(string agentId) =>
        Path.Combine(StateDirectory, "agents", AgentDirectoryName(agentId), "sessions", "sessions.json");

    /// <summary>Agent ids are normalised to <c>[a-z0-9][a-z0-9_-]{0,63}</c>; anything else must not escape the folder.</summary>
    private static string AgentDirectoryName(string agentId)
    {
        if (agentId.Length is 0 or > 64 || agentId.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-')))
            throw new ArgumentException($"'{agentId}' is not a valid agent id.", nameof(agentId));
        return agentId;
    }
}
