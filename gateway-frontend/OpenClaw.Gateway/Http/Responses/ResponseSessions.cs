using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace OpenClaw.Gateway.Http.Responses;

/// <summary>
/// <c>previous_response_id</c> continuity, as openclaw keeps it: each response id maps to the session it ran in, so
/// a follow-up (typically the <c>function_call_output</c> of a client tool call) continues that session even when the
/// caller sent no <c>user</c>. A mapping only serves the same caller (bearer hash), agent and
/// <c>x-openclaw-session-key</c> it was made for. In memory per gateway node: at most <see cref="Capacity"/> entries
/// (the oldest is dropped when full) for <see cref="Lifetime"/>; an unknown or expired id falls back to the usual
/// session choice.
/// </summary>
internal sealed class ResponseSessions(TimeProvider time)
{
    public const int Capacity = 500;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Remember(string responseId, string sessionKey, Scope scope)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Prune(now);
            while (_entries.Count >= Capacity && _order.TryDequeue(out var oldest)) _entries.Remove(oldest);
            _entries[responseId] = new Entry(sessionKey, scope, now);
            _order.Enqueue(responseId);
        }
    }

    public string? Find(string? responseId, Scope scope)
    {
        if (string.IsNullOrEmpty(responseId)) return null;
        lock (_gate)
        {
            Prune(time.GetUtcNow());
            return _entries.TryGetValue(responseId, out var entry) && entry.Scope == scope ? entry.SessionKey : null;
        }
    }

    /// <summary>Who may continue a response: the caller's bearer (hashed, never kept), the agent and the session header.</summary>
    public static Scope ScopeOf(HttpRequest request, string agentId, string? sessionHeader)
    {
        var bearer = request.Headers.Authorization.ToString();
        var subject = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(bearer)));
        return new Scope(subject, agentId, sessionHeader);
    }

    private void Prune(DateTimeOffset now)
    {
        // Entries are queued in insertion order, so expired ones are at the front.
        while (_order.TryPeek(out var oldest))
        {
            if (_entries.TryGetValue(oldest, out var entry) && now - entry.At <= Lifetime) return;
            _order.Dequeue();
            if (entry is not null) _entries.Remove(oldest);
        }
    }

    public sealed record Scope(string Subject, string AgentId, string? SessionHeader);

    private sealed record Entry(string SessionKey, Scope Scope, DateTimeOffset At);
}
