using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// <c>chat.send</c> params (upstream ChatSendParams, the fields this gateway acts on or can safely accept). runId =
/// <see cref="IdempotencyKey"/>. Routing-contract and permission expectations upstream checks are not accepted:
/// ignoring them would run a turn the caller asked to refuse.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChatSendParams
{
    [MinLength(1)]
    [MaxLength(512)]
    public required string SessionKey { get; init; }

    public required string Message { get; init; }

    [MinLength(1)]
    public required string IdempotencyKey { get; init; }

    [MinLength(1)]
    public string? AgentId { get; init; }

    /// <summary>Accepted for compatibility; the session grain owns the current sessionId.</summary>
    [MinLength(1)]
    public string? SessionId { get; init; }

    public string? Thinking { get; init; }

    [AllowedValues(null, "steer", "followup", "collect", "interrupt")]
    public string? QueueMode { get; init; }

    /// <summary>Channel delivery of the reply; this gateway answers on the socket only.</summary>
    public bool? Deliver { get; init; }

    public IReadOnlyList<ChatAttachment>? Attachments { get; init; }

    /// <summary>Run timeout; 0 or absent = the agent's default.</summary>
    [Range(0, int.MaxValue)]
    public int? TimeoutMs { get; init; }

    public string? OriginatingChannel { get; init; }
    public string? OriginatingTo { get; init; }
    public string? OriginatingAccountId { get; init; }
    public string? OriginatingThreadId { get; init; }

    [MinLength(1)]
    public string? ReplyToId { get; init; }

    public bool? SuppressCommandInterpretation { get; init; }
}

/// <summary>An attachment of <c>chat.send</c>/<c>agent</c>: base64 <see cref="Content"/>; only images are passed to models.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChatAttachment
{
    public string? Type { get; init; }
    public string? MimeType { get; init; }
    public string? FileName { get; init; }
    public required string Content { get; init; }
}

/// <summary><c>chat.send</c> ack: <c>started</c>, <c>queued</c>, or <c>in_flight</c> for a repeated idempotency key.</summary>
public sealed record ChatSendResult(string RunId, string Status);

/// <summary><c>chat.history</c> params. Paging counts back from the newest message.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChatHistoryParams
{
    public const int DefaultLimit = 200;

    [MinLength(1)]
    public required string SessionKey { get; init; }

    [MinLength(1)]
    public string? AgentId { get; init; }

    [Range(1, 1000)]
    public int? Limit { get; init; }

    [Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    [Range(1, 500_000)]
    public int? MaxChars { get; init; }

    /// <summary>Accepted for compatibility; the current session is always read.</summary>
    [MinLength(1)]
    public string? SessionId { get; init; }
}

/// <summary>
/// <c>chat.history</c> result. <see cref="Messages"/> are transcript messages in OpenClaw's shape (user rows carry
/// string content), each with <c>__openclaw {id, seq}</c>.
/// </summary>
public sealed record ChatHistoryResult
{
    public required string SessionKey { get; init; }
    public string? SessionId { get; init; }
    public required IReadOnlyList<JsonObject> Messages { get; init; }
    public required PendingInputsSummary PendingInputs { get; init; }
    public required ChatHistoryDefaults Defaults { get; init; }
    public required SessionRow SessionInfo { get; init; }
    public string? ThinkingLevel { get; init; }
    public bool HasMore { get; init; }
    public int? NextOffset { get; init; }
    public int TotalMessages { get; init; }
}

/// <summary>Inputs queued behind the active run. Only the count is known to the front tier.</summary>
public sealed record PendingInputsSummary(IReadOnlyList<JsonObject> Items, int Total);

/// <summary>The model a session uses unless it overrides it.</summary>
public sealed record ChatHistoryDefaults
{
    public string? ModelProvider { get; init; }
    public string? Model { get; init; }
    public int? ContextTokens { get; init; }
}

/// <summary><c>chat.abort</c>: the given run, or every active and queued run of the session.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChatAbortParams
{
    [MinLength(1)]
    public required string SessionKey { get; init; }

    [MinLength(1)]
    public string? AgentId { get; init; }

    [MinLength(1)]
    public string? RunId { get; init; }
}

public sealed record ChatAbortResult(bool Ok, bool Aborted, IReadOnlyList<string> RunIds);

/// <summary><c>chat.inject</c>: appends an assistant-visible note to the transcript without running the agent.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ChatInjectParams
{
    [MinLength(1)]
    public required string SessionKey { get; init; }

    [MinLength(1)]
    public string? AgentId { get; init; }

    [MinLength(1)]
    public required string Message { get; init; }

    [MaxLength(100)]
    public string? Label { get; init; }
}

public sealed record ChatInjectResult(bool Ok, string MessageId);
