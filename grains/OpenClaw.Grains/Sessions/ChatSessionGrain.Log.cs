using Microsoft.Extensions.Logging;

namespace OpenClaw.Grains.Sessions;

public sealed partial class ChatSessionGrain
{
    [LoggerMessage(3000, LogLevel.Debug, "Session {SessionKey} accepted run {RunId} ({Status})")]
    private partial void LogAccepted(string sessionKey, string runId, string status);

    [LoggerMessage(3001, LogLevel.Information, "Session {SessionKey} aborted runs {RunIds}")]
    private partial void LogAborted(string sessionKey, string runIds);

    [LoggerMessage(3002, LogLevel.Warning, "Session {SessionKey} reactivated with unfinished work (run {RunId}); settling it")]
    private partial void LogRecovering(string sessionKey, string? runId);

    [LoggerMessage(3003, LogLevel.Information, "Session {SessionKey} was reset to sessionId {SessionId} ({Reason})")]
    private partial void LogReset(string sessionKey, string sessionId, string reason);

    [LoggerMessage(3004, LogLevel.Information, "Session {SessionKey} (sessionId {SessionId}) was deleted")]
    private partial void LogDeleted(string sessionKey, string sessionId);

    [LoggerMessage(3005, LogLevel.Warning, "Session {SessionKey} could not settle its run while deactivating; the next activation settles it")]
    private partial void LogStopFailed(Exception exception, string sessionKey);
}
