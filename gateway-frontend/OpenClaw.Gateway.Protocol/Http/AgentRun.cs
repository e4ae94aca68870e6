namespace OpenClaw.Gateway.Protocol.Http;

/// <summary><c>POST /v1/agent/run</c> and <c>/v1/agent/run/stream</c> (the seed documents' REST API).</summary>
public sealed class AgentRunRequest
{
    public required string Message { get; init; }
    /// <summary>Defaults to the agent's main session.</summary>
    public string? SessionKey { get; init; }
    public string? AgentId { get; init; }
    /// <summary>Also the run id; a repeat while the run is known returns that run.</summary>
    public string? IdempotencyKey { get; init; }
    public int? TimeoutMs { get; init; }
}

/// <summary><see cref="Status"/>: ok, error, timeout or aborted.</summary>
public sealed record AgentRunResponse(string RunId, string SessionKey, string Status, string Response, AgentRunUsage Usage)
{
    public string? Model { get; init; }
    public string? Provider { get; init; }
    /// <summary>A short, safe description when the run did not end ok.</summary>
    public string? Error { get; init; }
}

public sealed record AgentRunUsage(long Input, long Output, long Total);

/// <summary>SSE <c>event: delta</c>.</summary>
public sealed record AgentRunDelta(string RunId, string Text);

/// <summary>SSE <c>event: done</c>.</summary>
public sealed record AgentRunDone(string RunId, string Status, string Response, AgentRunUsage Usage)
{
    public string? Error { get; init; }
}
