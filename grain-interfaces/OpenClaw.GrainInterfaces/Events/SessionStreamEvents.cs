using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.GrainInterfaces.Events;

/// <summary>Streams the session grains publish on.</summary>
public static class SessionStreams
{
    /// <summary>Namespace of the per-session event streams; the key is the canonical session key.</summary>
    public const string Namespace = "session";

    public static StreamId Events(string sessionKey) => StreamId.Create(Namespace, sessionKey);
}

/// <summary>
/// What a session publishes while it works. The front tier maps these 1:1 to the protocol's <c>chat</c>, <c>agent</c>
/// and <c>sessions.changed</c> events; <see cref="RunCompleted"/> is internal (it resolves <c>agent.wait</c> and the
/// <c>agent</c> method's final response). Per session, events are published in order.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$event")]
[JsonDerivedType(typeof(ChatStreamEvent), "chat")]
[JsonDerivedType(typeof(AgentStreamEvent), "agent")]
[JsonDerivedType(typeof(SessionChangedEvent), "sessionChanged")]
[JsonDerivedType(typeof(RunCompleted), "runCompleted")]
public abstract record SessionStreamEvent
{
    public required string SessionKey { get; init; }
    public required string AgentId { get; init; }
}

/// <summary>The protocol's <c>chat</c> event. <see cref="State"/>: status, delta, final, aborted or error.</summary>
public sealed record ChatStreamEvent : SessionStreamEvent
{
    public required string RunId { get; init; }
    public required long Seq { get; init; }
    public required string State { get; init; }
    public string? Phase { get; init; }
    public string? DeltaText { get; init; }
    public bool? Replace { get; init; }
    public ChatMessage? Message { get; init; }
    public string? StopReason { get; init; }
    public UsageInfo? Usage { get; init; }
    public string? ErrorMessage { get; init; }
    public string? ErrorKind { get; init; }

    /// <summary>Deltas may be dropped for a slow client; terminal states never.</summary>
    [JsonIgnore] public bool Droppable => State == ChatStates.Delta;
}

public static class ChatStates
{
    public const string Status = "status";
    public const string Delta = "delta";
    public const string Final = "final";
    public const string Aborted = "aborted";
    public const string Error = "error";
}

/// <summary>The protocol's <c>agent</c> event: <see cref="Stream"/> lifecycle, assistant, tool, usage, thinking, …</summary>
public sealed record AgentStreamEvent : SessionStreamEvent
{
    public required string RunId { get; init; }
    public required long Seq { get; init; }
    public required string Stream { get; init; }
    public required long Ts { get; init; }
    public string? SessionId { get; init; }
    /// <summary>The stream's payload, in the protocol's shape. Treat as read-only: it is shared by all subscribers.</summary>
    public required JsonObject Data { get; init; }

    [JsonIgnore] public bool Droppable => Stream is "assistant" or "thinking";
}

/// <summary>The protocol's <c>sessions.changed</c> event.</summary>
public sealed record SessionChangedEvent : SessionStreamEvent
{
    /// <summary>patch, compact, delete, reset, send, …</summary>
    public required string Reason { get; init; }
    public string? SessionId { get; init; }
    public SessionEntry? Entry { get; init; }
}

/// <summary>A run reached a terminal state (ok, error, timeout, aborted).</summary>
public sealed record RunCompleted : SessionStreamEvent
{
    public required RunSnapshot Run { get; init; }
}
