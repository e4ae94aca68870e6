using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Sessions;

/// <summary>State changes that begin a session's next sessionId (first use, reset) and apply <c>sessions.patch</c>.</summary>
internal static class SessionLifecycle
{
    /// <summary>A fresh sessionId; counters start again, settings and the idempotency cache stay.</summary>
    public static void StartNewSession(ChatSessionState state, long nowMs)
    {
        state.SessionId = Guid.NewGuid().ToString();
        if (state.CreatedAt == 0) state.CreatedAt = nowMs;
        state.UpdatedAt = nowMs;
        state.InputTokens = 0;
        state.OutputTokens = 0;
        state.ContextTokens = null;
        state.CompactionCount = 0;
        state.LastMessagePreview = null;
        state.Status = null;
    }
}

/// <summary><c>sessions.patch</c>: an absent field stays, a value sets it, a null value clears it.</summary>
internal static class SessionPatcher
{
    public static void Apply(SessionSettings settings, SessionPatch patch)
    {
        if (patch.Label is { } label) settings.Label = label.Value;
        if (patch.ThinkingLevel is { } thinking) settings.ThinkingLevel = thinking.Value;
        if (patch.VerboseLevel is { } verbose) settings.VerboseLevel = verbose.Value;
        if (patch.Model is { } model) settings.ModelOverride = model.Value;
        if (patch.Archived is { } archived) settings.Archived = archived.Value;
        if (patch.Pinned is { } pinned) settings.Pinned = pinned.Value;
    }
}
