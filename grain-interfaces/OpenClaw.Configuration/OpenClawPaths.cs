namespace OpenClaw.Configuration;

/// <summary>
/// Where OpenClaw keeps its config and state (the documented legacy layout, so a user can move data in):
/// <c>~/.openclaw</c> unless <c>OPENCLAW_STATE_DIR</c> is set; the config file is <c>&lt;stateDir&gt;/openclaw.json</c>
/// unless <c>OPENCLAW_CONFIG_PATH</c> is set.
/// </summary>
public sealed record OpenClawPaths(string StateDir, string ConfigPath)
{
    public const string StateDirVariable = "OPENCLAW_STATE_DIR";
    public const string ConfigPathVariable = "OPENCLAW_CONFIG_PATH";
    public const string IncludeRootsVariable = "OPENCLAW_INCLUDE_ROOTS";
    public const string ConfigFileName = "openclaw.json";

    /// <summary>Resolves the paths from the environment; a leading <c>~</c> in a variable means the home directory.</summary>
    public static OpenClawPaths Resolve(Func<string, string?> getEnv, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(getEnv);
        ArgumentException.ThrowIfNullOrEmpty(homeDirectory);
        var stateDir = NonEmpty(getEnv(StateDirVariable)) is { } configuredState
            ? ExpandHome(configuredState, homeDirectory)
            : Path.Combine(homeDirectory, ".openclaw");
        var configPath = NonEmpty(getEnv(ConfigPathVariable)) is { } configuredPath
            ? ExpandHome(configuredPath, homeDirectory)
            : Path.Combine(stateDir, ConfigFileName);
        return new OpenClawPaths(Path.GetFullPath(stateDir), Path.GetFullPath(configPath));
    }

    /// <summary>Resolves from the process environment and the user's home directory.</summary>
    public static OpenClawPaths FromEnvironment() =>
        Resolve(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    public string ConfigDir => Path.GetDirectoryName(ConfigPath)!;

    public string AgentsDir => Path.Combine(StateDir, "agents");

    public string AgentDir(string agentId) => Path.Combine(AgentsDir, agentId);

    /// <summary><c>agents/&lt;id&gt;/sessions</c>: <c>sessions.json</c> and <c>&lt;sessionId&gt;.jsonl</c> transcripts.</summary>
    public string AgentSessionsDir(string agentId) => Path.Combine(AgentDir(agentId), "sessions");

    /// <summary><c>cron</c>: <c>jobs.json</c> and <c>runs/&lt;jobId&gt;.jsonl</c>.</summary>
    public string CronDir => Path.Combine(StateDir, "cron");

    public string CronRunsDir => Path.Combine(CronDir, "runs");

    /// <summary><c>credentials</c>: pairing stores and allowlists per channel.</summary>
    public string CredentialsDir => Path.Combine(StateDir, "credentials");

    public string DevicesDir => Path.Combine(StateDir, "devices");

    public string DeliveryQueueDir => Path.Combine(StateDir, "delivery-queue");

    public string LogsDir => Path.Combine(StateDir, "logs");

    /// <summary>Where <c>$include</c> may read from: the config directory plus <c>OPENCLAW_INCLUDE_ROOTS</c> entries.</summary>
    public static IReadOnlyList<string> IncludeRoots(string configPath, Func<string, string?> getEnv, string homeDirectory)
    {
        var roots = new List<string> { Path.GetDirectoryName(Path.GetFullPath(configPath))! };
        var extra = getEnv(IncludeRootsVariable);
        if (!string.IsNullOrWhiteSpace(extra))
        {
            roots.AddRange(extra.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(r => Path.GetFullPath(ExpandHome(r, homeDirectory))));
        }
        return roots;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string ExpandHome(string path, string home) =>
        path == "~" ? home
        : path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.Combine(home, path[2..])
            : path;
}
