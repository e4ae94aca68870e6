using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>What an HTTP route asks of a session: one user message, run by the session's agent.</summary>
internal sealed record AgentRunStart(string SessionKey, string Text, string IdempotencyKey)
{
    public string? ExtraSystemPrompt { get; init; }
    /// <summary>provider/model override for this run.</summary>
    public string? Model { get; init; }
    public int? TimeoutMs { get; init; }
    public IReadOnlyList<ImagePart> Images { get; init; } = [];
    /// <summary>The client's function tools; a call to one ends the run with pending tool calls.</summary>
    public ClientToolSet? ClientTools { get; init; }
    /// <summary>The message channel recorded on the session (<c>x-openclaw-message-channel</c>).</summary>
    public string? MessageChannel { get; init; }
}
