using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// The <c>chat</c> event (capture 14): <see cref="State"/> status, delta, final, aborted or error, with the fields of
/// that state. <see cref="Seq"/> is per run (the seq of the agent event it mirrors).
/// </summary>
public sealed record ChatEventPayload
{
    public required string RunId { get; init; }
    public required string SessionKey { get; init; }
    public string? AgentId { get; init; }
    public required long Seq { get; init; }
    public required string State { get; init; }
    public string? Phase { get; init; }
    public string? DeltaText { get; init; }
    public bool? Replace { get; init; }
    public string? StopReason { get; init; }
    public JsonObject? Message { get; init; }
    public AgentUsage? Usage { get; init; }
    public string? ErrorMessage { get; init; }
    public string? ErrorKind { get; init; }
}

/// <summary>The <c>agent</c> event: one item of a run's <see cref="Stream"/> (lifecycle, assistant, tool, usage, …).</summary>
public sealed record AgentEventPayload
{
    public required string RunId { get; init; }
    public required string SessionKey { get; init; }
    public string? SessionId { get; init; }
    public string? AgentId { get; init; }
    public required string Stream { get; init; }
    public required JsonObject Data { get; init; }
    public required long Seq { get; init; }
    public required long Ts { get; init; }
}

/// <summary>The <c>sessions.changed</c> event; <see cref="Session"/> is the row after the change (absent on delete).</summary>
public sealed record SessionsChangedPayload
{
    public required string SessionKey { get; init; }
    public string? AgentId { get; init; }
    public string? SessionId { get; init; }
    public required string Reason { get; init; }
    public SessionRow? Session { get; init; }
}
