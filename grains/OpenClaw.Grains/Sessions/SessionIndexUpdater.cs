using Microsoft.Extensions.Logging;
using OpenClaw.Actors;
using OpenClaw.GrainInterfaces;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// Keeps the session's row in its agent's <see cref="ISessionIndexGrain"/> current and announces the change on the
/// session stream. The index is derived data: a failed update is logged and repaired by the next change, never
/// failing the operation that caused it (whose effect is already durable).
/// </summary>
internal sealed partial class SessionIndexUpdater(
    IGrainFactory grains, string sessionKey, string agentId, SessionEventPublisher events, ILogger logger)
{
    public async Task<SessionEntry> UpsertAsync(ChatSessionState state, string reason, CancellationToken cancellationToken)
    {
        var entry = SessionEntryFactory.Create(sessionKey, agentId, state);
        try
        {
            await grains.GetGrain<ISessionIndexGrain>(GrainKeys.SessionIndex(agentId)).UpsertAsync(entry, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogIndexFailed(exception, sessionKey, reason);
        }

        await events.SessionChangedAsync(reason, entry.SessionId, entry, cancellationToken);
        return entry;
    }

    /// <summary>
    /// Writes the row again without announcing a change: on activation, so a row the index had not yet written
    /// when the process died is repaired (an unchanged row costs nothing, the index skips it).
    /// </summary>
    public async Task RepairAsync(ChatSessionState state, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<ISessionIndexGrain>(GrainKeys.SessionIndex(agentId))
                .UpsertAsync(SessionEntryFactory.Create(sessionKey, agentId, state), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogIndexFailed(exception, sessionKey, "repair");
        }
    }

    public async Task RemoveAsync(string? sessionId, CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<ISessionIndexGrain>(GrainKeys.SessionIndex(agentId)).RemoveAsync(sessionKey, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogIndexFailed(exception, sessionKey, "delete");
        }

        await events.SessionChangedAsync("delete", sessionId, null, cancellationToken);
    }

    [LoggerMessage(3010, LogLevel.Warning, "Session {SessionKey} could not update its index entry ({Reason}); the next change repairs it")]
    private partial void LogIndexFailed(Exception exception, string sessionKey, string reason);
}
