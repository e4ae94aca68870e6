using OpenClaw.Configuration.Model;

namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary>The model ids the OpenAI-compatible routes accept: each names an agent, not a provider model.</summary>
internal static class OpenAiModelIds
{
    public const string Base = "openclaw";
    public const string DefaultAlias = "default";

    /// <summary>Null agent = the default agent.</summary>
    public static bool TryParseAgent(string model, out string? agentId)
    {
        var id = model.Trim().ToLowerInvariant();
        agentId = null;
        if (id == Base) return true;
        foreach (var prefix in (ReadOnlySpan<string>)["openclaw/", "openclaw:", "agent:"])
        {
            if (!id.StartsWith(prefix, StringComparison.Ordinal) || id.Length == prefix.Length) continue;
            var rest = id[prefix.Length..];
            agentId = rest == DefaultAlias ? null : rest;
            return true;
        }

        return false;
    }

    /// <summary><c>openclaw</c>, <c>openclaw/default</c>, then <c>openclaw/&lt;agentId&gt;</c> per configured agent.</summary>
    public static IReadOnlyList<string> Listed(AgentsConfig agents) =>
        [Base, $"{Base}/{DefaultAlias}", .. agents.Entries.Keys.Order(StringComparer.Ordinal).Select(id => $"{Base}/{id}")];
}
