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
}
