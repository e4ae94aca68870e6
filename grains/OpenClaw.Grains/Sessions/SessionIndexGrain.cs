using Microsoft.Extensions.Logging;
using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Storage;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// Keeps one agent's session index. Reads are [ReadOnly] and interleave. The index is derived data (each session's
/// own state is the truth), so an upsert changes the in-memory index and returns; <c>sessions.json</c> is rewritten
/// at most once per <see cref="FlushDelay"/> with every change made meanwhile (<see cref="SessionIndexFlusher"/>),
/// and at once for a removal and on deactivation. Readers of this grain always see the latest entries; the file lags
/// by at most <see cref="FlushDelay"/>, and after a kill -9 a row changed in that window is repaired when its session
/// next activates (a session with a run in the last watchdog period is reactivated by its watchdog).
/// </summary>
public sealed partial class SessionIndexGrain(
    [PersistentState(SessionIndexGrain.StateName, OpenClawStorageNames.Layout)] IPersistentState<SessionIndexState> index,
    ISessionStorePaths paths,
    TimeProvider time,
    ILogger<SessionIndexGrain> logger) : Grain, ISessionIndexGrain
{
    public const string StateName = "sessions";

    /// <summary>How long an upsert may wait for its write to <c>sessions.json</c>.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(250);

    private SessionIndexFlusher _flusher = null!;
    private IGrainTimer _flushTimer = null!;
    private bool _flushScheduled;

    private string StorePath => paths.SessionStorePath(GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _flusher = new SessionIndexFlusher(index, GetPrimaryKeyString(), logger);
        // Interleaving: the file write must not hold up upserts (session sends wait for them); the flusher keeps
        // writes from overlapping. Armed by ScheduleFlush.
        _flushTimer = RegisterGrainTimer(FlushDueAsync, this,
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { Interleave = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _flushTimer.Dispose();
        return _flusher.FlushAsync(cancellationToken);
    }

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

    public Task UpsertAsync(SessionEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Key);
        if (index.State.TryGetValue(entry.Key, out var current) && current == entry) return Task.CompletedTask;
        _flusher.Upsert(entry);
        ScheduleFlush();
        return Task.CompletedTask;
    }

    public async Task<bool> RemoveAsync(string sessionKey, CancellationToken cancellationToken = default)
    {
        if (!_flusher.Remove(sessionKey)) return false;
        await _flusher.FlushAsync(cancellationToken);
        return true;
    }

    /// <summary>One write for everything changed within the next <see cref="FlushDelay"/>.</summary>
    private void ScheduleFlush()
    {
        if (_flushScheduled) return;
        _flushScheduled = true;
        _flushTimer.Change(FlushDelay, Timeout.InfiniteTimeSpan);
    }

    private static async Task FlushDueAsync(SessionIndexGrain grain, CancellationToken cancellationToken)
    {
        grain._flushScheduled = false;
        await grain._flusher.TryFlushAsync(cancellationToken);
        // Changes made during the write (or a failed write) need another one; a re-arm made during this tick may
        // have come due while it still ran and been skipped, so arm again here.
        if (grain._flusher.HasChanges)
        {
            grain._flushScheduled = true;
            grain._flushTimer.Change(FlushDelay, Timeout.InfiniteTimeSpan);
        }
    }
}
