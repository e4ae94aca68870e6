using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Agents.Runs;

namespace OpenClaw.Grains.Sessions;

/// <summary>The session's row in its agent's index, from the session state.</summary>
internal static class SessionEntryFactory
{
    public static SessionEntry Create(string sessionKey, string agentId, ChatSessionState state)
    {
        var (provider, model) = state.Settings.ModelOverride is { } modelOverride ? ModelChainResolver.Split(modelOverride) : (null, null);
        return new SessionEntry
        {
            Key = sessionKey,
            SessionId = state.SessionId ?? "",
            Kind = SessionKeys.KindOf(sessionKey),
            AgentId = agentId,
            Label = state.Settings.Label,
            Channel = state.LastChannel,
            CreatedAt = state.CreatedAt,
            UpdatedAt = state.UpdatedAt,
            Archived = state.Settings.Archived,
            Pinned = state.Settings.Pinned,
            Status = state.Status,
            ThinkingLevel = state.Settings.ThinkingLevel,
            VerboseLevel = state.Settings.VerboseLevel,
            ModelOverride = model,
            ProviderOverride = string.IsNullOrEmpty(provider) ? null : provider,
            Model = state.LastModel,
            ModelProvider = state.LastProvider,
            InputTokens = state.InputTokens,
            OutputTokens = state.OutputTokens,
            TotalTokens = state.InputTokens + state.OutputTokens,
            ContextTokens = state.ContextTokens,
            CompactionCount = state.CompactionCount,
            LastRunId = state.LastRunId,
            LastMessagePreview = state.LastMessagePreview,
        };
    }

    /// <summary>A one-line preview of a message text, at most 160 characters.</summary>
    public static string? Preview(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 160 ? line : string.Concat(line.AsSpan(0, 159), "…");
    }
}
