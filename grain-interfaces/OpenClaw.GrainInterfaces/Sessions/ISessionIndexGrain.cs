using OpenClaw.Actors;

namespace OpenClaw.GrainInterfaces.Sessions;

/// <summary>
/// The session index of one agent: session key → entry, persisted in OpenClaw's layout
/// (<c>agents/&lt;agentId&gt;/sessions/sessions.json</c>). Key: the agent id. It answers <c>sessions.list</c> and the
/// session counts of <c>health</c>/<c>status</c>; session grains keep it up to date.
/// </summary>
[GrainType("sessionindex")]
public interface ISessionIndexGrain : IGrainWithStringKey
{
    /// <summary>One page of sessions, newest <c>updatedAt</c> first, filtered as the query says.</summary>
    [ReadOnly]
    Task<SessionPage> ListAsync(SessionListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Count, store path and the most recently updated sessions.</summary>
    [ReadOnly]
    Task<SessionIndexSummary> GetSummaryAsync(int recentLimit, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the entry of <see cref="SessionEntry.Key"/>.</summary>
    Task UpsertAsync(SessionEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the entry; returns false when it did not exist.</summary>
    Task<bool> RemoveAsync(string sessionKey, CancellationToken cancellationToken = default);
}
