using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Protocol.Http;

/// <summary>
/// <c>GET /sessions/{key}/history</c> (and the SSE <c>history</c> event), as openclaw sends it: transcript messages in
/// <c>chat.history</c>'s row shape (each with <c>__openclaw {id, seq}</c>), oldest first, as both <see cref="Items"/>
/// and <see cref="Messages"/>. <see cref="NextCursor"/> (the seq of the page's first message) asks for the page of
/// older messages before it.
/// </summary>
public sealed record SessionHistoryResponse(string SessionKey, string SessionId, IReadOnlyList<JsonObject> Items, IReadOnlyList<JsonObject> Messages, bool HasMore)
{
    public string? NextCursor { get; init; }
    public int? TotalMessages { get; init; }
}

/// <summary>
/// The SSE <c>message</c> event: one message appended to the session's transcript (a row as in
/// <see cref="SessionHistoryResponse.Messages"/>), with its entry id and seq.
/// </summary>
public sealed record SessionHistoryMessageEvent(string SessionKey, JsonObject Message, string MessageId, long MessageSeq);

/// <summary><c>POST /sessions/{key}/kill</c>.</summary>
public sealed record SessionKillResponse(bool Ok, bool Aborted, IReadOnlyList<string> RunIds);
