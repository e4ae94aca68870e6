namespace OpenClaw.GrainInterfaces.Sessions;

/// <summary>
/// OpenClaw's session key rules (spec §8): canonical keys are lower case <c>agent:&lt;agentId&gt;:&lt;rest&gt;</c>;
/// bare <c>main</c> is the agent's main key; a bare <c>x</c> is <c>agent:&lt;default&gt;:x</c>; <c>global</c> and
/// <c>unknown</c> are special keys kept as they are.
/// </summary>
public static class SessionKeys
{
    public const string Global = "global";
    public const string Unknown = "unknown";
    public const int MaxLength = 512;

    /// <summary>Canonical form of <paramref name="key"/>; throws <see cref="ArgumentException"/> when it cannot be one.</summary>
    public static string Normalize(string key, string defaultAgentId, string mainKey = "main")
    {
        var trimmed = key.Trim().ToLowerInvariant();
        if (trimmed.Length is 0 or > MaxLength) throw new ArgumentException($"session key must be 1-{MaxLength} characters", nameof(key));
        if (trimmed is Global or Unknown) return trimmed;
        if (trimmed.StartsWith("agent:", StringComparison.Ordinal))
        {
            var parts = trimmed.Split(':', 3);
            if (parts.Length < 3 || parts[2].Length == 0 || !IsAgentId(parts[1]))
                throw new ArgumentException($"'{key}' is not a valid session key (expected agent:<agentId>:<rest>)", nameof(key));
            return trimmed;
        }
        var rest = trimmed == "main" ? mainKey.ToLowerInvariant() : trimmed;
        return $"agent:{defaultAgentId}:{rest}";
    }

    /// <summary>The agent id of a canonical key, or <paramref name="defaultAgentId"/> for the special keys.</summary>
    public static string AgentIdOf(string canonicalKey, string defaultAgentId) =>
        canonicalKey.StartsWith("agent:", StringComparison.Ordinal) ? canonicalKey.Split(':', 3)[1] : defaultAgentId;

    public static string MainKeyOf(string agentId, string mainKey = "main") => $"agent:{agentId}:{mainKey.ToLowerInvariant()}";

    /// <summary><c>direct</c>, <c>group</c>, <c>global</c> or <c>unknown</c>, from the key's shape.</summary>
    public static string KindOf(string canonicalKey) => canonicalKey switch
    {
        Global => "global",
        Unknown => "unknown",
        _ when canonicalKey.Contains(":group:", StringComparison.Ordinal) || canonicalKey.Contains(":channel:", StringComparison.Ordinal) => "group",
        _ => "direct",
    };

    /// <summary><c>[a-z0-9][a-z0-9_-]{0,63}</c>.</summary>
    public static bool IsAgentId(string value) =>
        value.Length is > 0 and <= 64
        && (char.IsAsciiLetterLower(value[0]) || char.IsAsciiDigit(value[0]))
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-');
}
