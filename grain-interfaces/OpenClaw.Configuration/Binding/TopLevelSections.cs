namespace OpenClaw.Configuration.Binding;

/// <summary>The closed set of top-level keys of <c>openclaw.json</c> (OpenClaw's strict root schema).</summary>
public static class TopLevelSections
{
    public static readonly IReadOnlyList<string> All =
    [
        "$schema", "meta", "env", "wizard", "diagnostics", "logging", "update", "telemetry", "browser", "ui", "secrets",
        "auth", "accessGroups", "acp", "models", "nodeHost", "agents", "worktreeRoot", "tools", "security", "bindings",
        "broadcast", "attachments", "messages", "tts", "commands", "approvals", "session", "cron", "transcripts", "hooks",
        "channels", "discovery", "talk", "gateway", "cloudWorkers", "desktop", "memory", "mcp", "skills", "plugins",
        "surfaces", "proxy",
    ];

    /// <summary>Sections this gateway reads; every other known section is accepted with a warning and ignored.</summary>
    public static readonly IReadOnlyList<string> Implemented =
        ["$schema", "meta", "env", "gateway", "agents", "models", "session", "logging", "channels"];
}
