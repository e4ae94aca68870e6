using OpenClaw.Gateway.Protocol;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Methods.Sessions;

/// <summary>Maps a session index entry to the wire's SessionRow (grain records never reach the wire directly).</summary>
internal static class SessionRows
{
    private const string RunningStatus = "running";

    /// <param name="agentId">The agent whose index holds the entry (used when the entry does not name one).</param>
    /// <param name="includeLastMessage">Whether the last message preview may be sent (<c>includeLastMessage</c>).</param>
    public static SessionRow From(SessionEntry entry, string agentId, bool includeLastMessage) => new(entry.Key, entry.Kind)
    {
        SessionId = entry.SessionId,
        AgentId = entry.AgentId ?? agentId,
        Label = entry.Label,
        DisplayName = entry.DisplayName,
        Channel = entry.Channel,
        ChatType = entry.ChatType,
        CreatedAt = entry.CreatedAt > 0 ? entry.CreatedAt : null,
        UpdatedAt = entry.UpdatedAt,
        Archived = entry.Archived,
        Pinned = entry.Pinned,
        Status = entry.Status,
        ThinkingLevel = entry.ThinkingLevel,
        VerboseLevel = entry.VerboseLevel,
        ModelOverride = entry.ModelOverride,
        ProviderOverride = entry.ProviderOverride,
        ModelProvider = entry.ModelProvider,
        Model = entry.Model,
        InputTokens = entry.InputTokens,
        OutputTokens = entry.OutputTokens,
        TotalTokens = entry.TotalTokens,
        ContextTokens = entry.ContextTokens,
        CompactionCount = entry.CompactionCount > 0 ? entry.CompactionCount : null,
        LastRunId = entry.LastRunId,
        SpawnedBy = entry.SpawnedBy,
        LastMessagePreview = includeLastMessage ? entry.LastMessagePreview : null,

        // The index records the last run and the session status; a running session's active run is its last one.
        HasActiveRun = entry.Status == RunningStatus,
        ActiveRunIds = entry.Status == RunningStatus && entry.LastRunId is { } runId ? [runId] : [],
    };
}
