using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Storage;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// Keeps one agent's session index. Reads are [ReadOnly] and interleave; every mutation is one turn ending in one
/// conditional write, so a stale activation (after a failover) fails instead of overwriting newer entries.
/// </summary>
public sealed class SessionIndexGrain(
    [PersistentState(SessionIndexGrain.StateName, OpenClawStorageNames.Layout)] IPersistentState<SessionIndexState> index,
    ISessionStorePaths paths,
    TimeProvider time) : Grain, ISessionIndexGrain
{
    public const string StateName = "sessions";

    private string StorePath => paths.SessionStorePath(GetPrimaryKeyString());

    public Task<SessionPage> ListAsync(SessionListQuery query, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var matching = index.State.Values
            .Where(entry => SessionFilter.Matches(entry, query, now))
            .OrderByDescending(entry => entry.UpdatedAt)
            .ThenBy(entry => entry.Key, StringComparer.Ordinal)
            .ToList();
        var page = matching.Skip(query.Offset).Take(query.Limit).ToList();
        var next = query.Offset + page.Count;
        return Task.FromResult(new SessionPage(StorePath, matching.Count, page, next < matching.Count ? next : null));
    }

    public Task<SessionIndexSummary> GetSummaryAsync(int recentLimit, CancellationToken cancellationToken = default)
    {
        var recent = index.State.Values
            .OrderByDescending(entry => entry.UpdatedAt)
            .Take(recentLimit)
            .Select(entry => new RecentSession(entry.Key, entry.UpdatedAt))
            .ToList();
        return Task.FromResult(new SessionIndexSummary(StorePath, index.State.Count, recent));
    }

    public async Task UpsertAsync(SessionEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Key);
        index.State[entry.Key] = entry;
        await index.WriteStateAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string sessionKey, CancellationToken cancellationToken = default)
    {
        if (!index.State.Remove(sessionKey)) return false;
        await index.WriteStateAsync(cancellationToken);
        return true;
    }
}
