using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Sessions;

/// <summary>The <c>sessions.list</c> filters, as the real gateway applies them.</summary>
internal static class SessionFilter
{
    public static bool Matches(SessionEntry entry, SessionListQuery query, long nowMs)
    {
        if (!query.IncludeGlobal && entry.Kind == "global") return false;
        if (!query.IncludeUnknown && entry.Kind == "unknown") return false;
        if (query.Archived is { } archived && entry.Archived != archived) return false;
        if (query.ActiveMinutes is { } minutes && nowMs - entry.UpdatedAt > minutes * 60_000L) return false;
        if (query.Label is { Length: > 0 } label && !string.Equals(entry.Label, label, StringComparison.Ordinal)) return false;
        if (query.Search is { Length: > 0 } search && !MatchesSearch(entry, search)) return false;
        return true;
    }

    private static bool MatchesSearch(SessionEntry entry, string search) =>
        Contains(entry.Key, search) || Contains(entry.Label, search) || Contains(entry.DisplayName, search)
        || Contains(entry.SessionId, search) || Contains(entry.LastMessagePreview, search);

    private static bool Contains(string? value, string search) =>
        value is not null && value.Contains(search, StringComparison.OrdinalIgnoreCase);
}
