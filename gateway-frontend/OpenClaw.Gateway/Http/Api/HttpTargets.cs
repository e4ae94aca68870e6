using OpenClaw.Configuration.Model;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>
/// Agent ids and session keys as HTTP callers give them: validated against the config, made canonical
/// (<see cref="SessionKeys.Normalize"/>). Failures come back as messages for a 400.
/// </summary>
internal static class HttpTargets
{
    /// <summary>Session key prefixes owned by the gateway itself (sub-agents, cron, ACP): callers may not address them.</summary>
    private static readonly string[] ReservedPrefixes = ["subagent:", "cron:", "acp:"];

    /// <summary>The configured agent id for <paramref name="agentId"/>, or the default agent when it is empty.</summary>
    public static bool TryResolveAgent(OpenClawConfig config, string? agentId, out string resolved, out string? error)
    {
        var agents = config.Agents;
        resolved = string.IsNullOrWhiteSpace(agentId) ? agents.DefaultAgentId : agentId.Trim().ToLowerInvariant();
        if (resolved == agents.DefaultAgentId || agents.Entries.ContainsKey(resolved))
        {
            error = null;
            return true;
        }

        error = $"unknown agent id \"{agentId}\"";
        return false;
    }

    /// <summary>
    /// The canonical key for <paramref name="key"/>; a bare key belongs to <paramref name="agentId"/>. Malformed keys
    /// are refused, and so are reserved namespaces unless <paramref name="allowReserved"/> (reading them is fine;
    /// starting runs in them is not).
    /// </summary>
    public static bool TryCanonicalSessionKey(
        OpenClawConfig config, string key, string agentId, bool allowReserved, out string canonical, out string? error)
    {
        canonical = "";
        try
        {
            canonical = SessionKeys.Normalize(key, agentId, config.Session.MainKey);
        }
        catch (ArgumentException exception)
        {
            error = exception.Message.Split(" (Parameter", 2)[0];
            return false;
        }

        if (!allowReserved && IsReserved(canonical))
        {
            error = $"session key \"{key}\" uses a reserved prefix";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The agent's main session key.</summary>
    public static string MainSessionKey(OpenClawConfig config, string agentId) => SessionKeys.MainKeyOf(agentId, config.Session.MainKey);

    private static bool IsReserved(string canonical)
    {
        var rest = canonical.StartsWith("agent:", StringComparison.Ordinal) ? canonical.Split(':', 3)[2] : canonical;
        return ReservedPrefixes.Any(prefix => rest.StartsWith(prefix, StringComparison.Ordinal));
    }
}
