using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// <c>agent</c> params: the fields of upstream AgentParams that real clients send. Channel routing fields are
/// accepted (this gateway answers on the socket only and does not deliver to channels); internal runtime fields are
/// rejected as unknown. runId = <see cref="IdempotencyKey"/>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AgentParams
{
    public required string Message { get; init; }

    [MinLength(1)]
    public required string IdempotencyKey { get; init; }

    [MinLength(1)]
    public string? AgentId { get; init; }

    [MinLength(1)]
    [MaxLength(512)]
    public string? SessionKey { get; init; }

    /// <summary>Accepted for compatibility; sessions are addressed by key here.</summary>
    public string? SessionId { get; init; }

    public string? Provider { get; init; }
    public string? Model { get; init; }
    public string? Thinking { get; init; }
    public bool? Deliver { get; init; }
    public bool? BestEffortDeliver { get; init; }
    public IReadOnlyList<ChatAttachment>? Attachments { get; init; }

    /// <summary>Run timeout in seconds; 0 or absent = the agent's default.</summary>
    [Range(0, int.MaxValue)]
    public int? Timeout { get; init; }

    public string? ExtraSystemPrompt { get; init; }

    [MaxLength(200)]
    public string? Label { get; init; }

    public string? Channel { get; init; }
    public string? ReplyChannel { get; init; }
    public string? To { get; init; }
    public string? ReplyTo { get; init; }
    public string? AccountId { get; init; }
    public string? ReplyAccountId { get; init; }
    public string? ThreadId { get; init; }
    public string? GroupId { get; init; }
    public string? GroupChannel { get; init; }
    public string? GroupSpace { get; init; }
    public string? Lane { get; init; }
    public JsonObject? InputProvenance { get; init; }
}

/// <summary>The first of <c>agent</c>'s two responses.</summary>
public sealed record AgentAcceptedResult(string RunId, string SessionKey, string AgentId, string Status, long AcceptedAt);

/// <summary>
/// The final <c>agent</c> response: <c>{runId, status:"in_flight"}</c> for a repeated key of a running run, else
/// status ok/timeout with <see cref="Summary"/> completed, failed or aborted and the run's <see cref="Result"/>.
/// </summary>
public sealed record AgentFinalResult
{
    public required string RunId { get; init; }
    public required string Status { get; init; }
    public string? Summary { get; init; }
    public string? StopReason { get; init; }
    public AgentRunResult? Result { get; init; }
}

public sealed record AgentRunResult(IReadOnlyList<AgentPayload> Payloads, AgentResultMeta Meta);

/// <summary>One reply payload; <c>mediaUrl</c> is sent as null when there is none, as upstream does.</summary>
public sealed record AgentPayload(
    string Text,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? MediaUrl);

public sealed record AgentResultMeta(long DurationMs, AgentMeta AgentMeta, bool Aborted);

public sealed record AgentMeta
{
    public string? SessionId { get; init; }
    public string? Provider { get; init; }
    public string? Model { get; init; }
    public required AgentUsage Usage { get; init; }
}

public sealed record AgentUsage(long Input, long Output, long CacheRead, long CacheWrite, long Total);

/// <summary><c>agent.wait</c>: waits up to <see cref="TimeoutMs"/> (default 30 s) for a run's end; never cancels it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AgentWaitParams
{
    public const int DefaultTimeoutMs = 30_000;

    [MinLength(1)]
    public required string RunId { get; init; }

    [Range(0, int.MaxValue)]
    public int? TimeoutMs { get; init; }
}

/// <summary><c>agent.wait</c> result: status ok, error, timeout (still running) or pending (run not known yet).</summary>
public sealed record AgentWaitResult
{
    public required string RunId { get; init; }
    public required string Status { get; init; }
    public long? StartedAt { get; init; }
    public long? EndedAt { get; init; }
    public string? Error { get; init; }
    public string? StopReason { get; init; }
    public TerminalReply? TerminalReply { get; init; }
}

public sealed record TerminalReply(string Disposition, string Text);
