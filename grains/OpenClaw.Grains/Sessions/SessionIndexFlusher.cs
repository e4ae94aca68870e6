using Microsoft.Extensions.Logging;
using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// The index grain's changes not yet in <c>sessions.json</c>, and the one write at a time that stores them. When the
/// file was changed by someone else (OpenClaw's own CLI, a hand edit), the write's ETag check fails: the file is read
/// again and this grain's unwritten changes are applied on top, so neither side's rows are lost. Used only on the
/// grain's scheduler. Bound: one pending change per session key (a newer change replaces an older one).
/// </summary>
internal sealed partial class SessionIndexFlusher(IPersistentState<SessionIndexState> index, string agentId, ILogger logger)
{
    /// <summary>Session key → its newest entry, or null for a removal.</summary>
    private Dictionary<string, SessionEntry?> _unwritten = new(StringComparer.Ordinal);
    private Task? _writing;

    public bool HasChanges => _unwritten.Count > 0;

    public void Upsert(SessionEntry entry)
    {
        index.State[entry.Key] = entry;
        _unwritten[entry.Key] = entry;
    }

    public bool Remove(string sessionKey)
    {
        if (!index.State.Remove(sessionKey)) return false;
        _unwritten[sessionKey] = null;
        return true;
    }

    /// <summary>Writes every change made so far (waiting for a write in progress first); throws when the write fails.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_writing is { } writing) await writing.WaitAsync(cancellationToken);
        if (_unwritten.Count == 0) return;
        var write = WriteAsync(cancellationToken);
        _writing = write;
        try
        {
            await write;
        }
        finally
        {
            _writing = null;
        }
    }

    /// <summary>As <see cref="FlushAsync"/>, but a failure is logged and the changes stay for the next try.</summary>
    public async Task<bool> TryFlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFlushFailed(exception, agentId);
            return false;
        }
    }

    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        var changes = _unwritten;
        _unwritten = new Dictionary<string, SessionEntry?>(StringComparer.Ordinal);
        try
        {
            try
            {
                await index.WriteStateAsync(cancellationToken);
            }
            catch (InconsistentStateException)
            {
                LogForeignEdit(agentId);
                await index.ReadStateAsync(cancellationToken);
                Apply(changes);
                Apply(_unwritten); // made while the file was read: newer than changes
                await index.WriteStateAsync(cancellationToken);
            }
        }
        catch
        {
            // Not written: keep them, under any newer change of the same key.
            foreach (var (key, entry) in changes) _unwritten.TryAdd(key, entry);
            throw;
        }
    }

    private void Apply(Dictionary<string, SessionEntry?> changes)
    {
        foreach (var (key, entry) in changes)
        {
            if (entry is null) index.State.Remove(key);
            else index.State[key] = entry;
        }
    }

    [LoggerMessage(3011, LogLevel.Warning, "Session index of agent {AgentId} could not be written; it is tried again")]
    private partial void LogFlushFailed(Exception exception, string agentId);

    [LoggerMessage(3012, LogLevel.Information, "sessions.json of agent {AgentId} was changed by another writer; its rows were merged with this gateway's changes")]
    private partial void LogForeignEdit(string agentId);
}
