namespace OpenClaw.GrainInterfaces.Sessions;

/// <summary>Filters and paging of <c>sessions.list</c>. <see cref="ActiveMinutes"/> keeps sessions updated that recently.</summary>
public sealed record SessionListQuery(
    int Limit,
    int Offset = 0,
    int? ActiveMinutes = null,
    string? Search = null,
    string? Label = null,
    bool IncludeGlobal = true,
    bool IncludeUnknown = false,
    bool? Archived = null);

/// <summary>One page of the index. <see cref="NextOffset"/> is null on the last page.</summary>
public sealed record SessionPage(string StorePath, int TotalCount, IReadOnlyList<SessionEntry> Sessions, int? NextOffset);

public sealed record SessionIndexSummary(string StorePath, int Count, IReadOnlyList<RecentSession> Recent);

public sealed record RecentSession(string Key, long UpdatedAt);

/// <summary>
/// A session's row in the index (OpenClaw's SessionEntry, the fields this gateway keeps). Times are unix ms.
/// <see cref="Kind"/> is direct, group, global or unknown.
/// </summary>
public sealed record SessionEntry
{
    public required string Key { get; init; }
    public required string SessionId { get; init; }
    public string Kind { get; init; } = "direct";
    public string? AgentId { get; init; }
    public string? Label { get; init; }
    public string? DisplayName { get; init; }
    public string? Channel { get; init; }
    public string? ChatType { get; init; }
    public long CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
    public bool Archived { get; init; }
    public bool Pinned { get; init; }
    public string? Status { get; init; }
    public string? ThinkingLevel { get; init; }
    public string? VerboseLevel { get; init; }
    public string? ModelOverride { get; init; }
    public string? ProviderOverride { get; init; }
    public string? Model { get; init; }
    public string? ModelProvider { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long TotalTokens { get; init; }
    public long? ContextTokens { get; init; }
    public int CompactionCount { get; init; }
    public string? LastRunId { get; init; }
    public string? LastMessagePreview { get; init; }
    public string? SpawnedBy { get; init; }
}
