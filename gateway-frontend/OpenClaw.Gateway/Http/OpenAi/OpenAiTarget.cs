using Microsoft.AspNetCore.Http;
using OpenClaw.Configuration.Model;
using OpenClaw.Gateway.Http.Api;

namespace OpenClaw.Gateway.Http.OpenAi;

/// <summary>Which agent and session an OpenAI-style request runs in, and an optional provider/model override.</summary>
internal sealed record OpenAiTarget(string AgentId, string SessionKey, string? ModelOverride, string MessageChannel)
{
    public const string MessageChannelHeader = "x-openclaw-message-channel";
    /// <summary>openclaw's channel for the OpenAI-compatible routes when the header does not name one.</summary>
    public const string DefaultMessageChannel = "webchat";

    public const string AgentHeader = "x-openclaw-agent-id";
    public const string SessionKeyHeader = "x-openclaw-session-key";
    public const string ModelHeader = "x-openclaw-model";

    /// <summary>
    /// The agent comes from <c>x-openclaw-agent-id</c>, else from <paramref name="model"/> (<c>openclaw</c>,
    /// <c>openclaw/&lt;id&gt;</c>, <c>openclaw:&lt;id&gt;</c>, <c>agent:&lt;id&gt;</c>). The session is
    /// <c>x-openclaw-session-key</c>, else <c>agent:&lt;id&gt;:&lt;prefix&gt;-user:&lt;user&gt;</c>, else a fresh
    /// stateless <c>agent:&lt;id&gt;:&lt;prefix&gt;:&lt;uuid&gt;</c>.
    /// </summary>
    public static bool TryResolve(
        OpenClawConfig config, HttpRequest request, string model, string? user, string sessionPrefix,
        out OpenAiTarget target, out string? error)
    {
        target = null!;
        if (!OpenAiModelIds.TryParseAgent(model, out var modelAgent))
        {
            error = $"model \"{model}\" is not supported: use \"openclaw\", \"openclaw/<agentId>\", \"openclaw:<agentId>\" or \"agent:<agentId>\"";
            return false;
        }

        var requestedAgent = Header(request, AgentHeader) ?? modelAgent;
        if (!HttpTargets.TryResolveAgent(config, requestedAgent, out var agentId, out error)) return false;

        string sessionKey;
        if (Header(request, SessionKeyHeader) is { } headerKey)
        {
            if (!HttpTargets.TryCanonicalSessionKey(config, headerKey, agentId, allowReserved: false, out sessionKey, out error)) return false;
        }
        else
        {
            var rest = string.IsNullOrWhiteSpace(user) ? $"{sessionPrefix}:{Guid.NewGuid():N}" : $"{sessionPrefix}-user:{user.Trim()}";
            if (!HttpTargets.TryCanonicalSessionKey(config, $"agent:{agentId}:{rest}", agentId, allowReserved: false, out sessionKey, out error))
            {
                error = $"user: {error}";
                return false;
            }
        }

        // openclaw normalizes the channel header (trimmed, lower case) and falls back to webchat.
        var channel = Header(request, MessageChannelHeader)?.ToLowerInvariant() ?? DefaultMessageChannel;
        target = new OpenAiTarget(agentId, sessionKey, Header(request, ModelHeader), channel);
        return true;
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) && value.ToString().Trim() is { Length: > 0 } text ? text : null;
}
