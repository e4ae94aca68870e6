using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Protocol.Http;

/// <summary>
/// <c>GET /sessions/{key}/history</c> (and the SSE <c>history</c> event): transcript messages in OpenClaw's message
/// shape, oldest first. <see cref="NextCursor"/> continues with the following page.
/// </summary>
public sealed record SessionHistoryResponse(string SessionKey, string SessionId, IReadOnlyList<JsonObject> Messages)
{
    public int? TotalMessages { get; init; }
    public bool? HasMore { get; init; }
    public int? NextOffset { get; init; }
    public string? NextCursor { get; init; }
}

/// <summary>The SSE <c>message</c> event: one message of the session that just completed.</summary>
public sealed record SessionHistoryMessageEvent(string SessionKey, JsonObject Message)
{
    public string? RunId { get; init; }
}

/// <summary><c>POST /sessions/{key}/kill</c>.</summary>
public sealed record SessionKillResponse(bool Ok, bool Aborted, IReadOnlyList<string> RunIds);
