using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// <c>sessions.list</c> params. Without <see cref="AgentId"/> the default agent's sessions are listed. Upstream's
/// people/board/ownership filters (<c>ownerId</c>, <c>involvingMe</c>, <c>spawnedBy</c>, ...) are not accepted: this
/// gateway has no such data, and ignoring a filter would return sessions the caller asked to exclude.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SessionsListParams : IValidatableObject
{
    public const string ArchivedAll = "all";

    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    [Range(1, MaxLimit)]
    public int? Limit { get; init; }

    [Range(0, int.MaxValue)]
    public int? Offset { get; init; }

    [Range(1, int.MaxValue)]
    public int? ActiveMinutes { get; init; }
    [MinLength(1)]
    public string? AgentId { get; init; }
    public string? Search { get; init; }

    [MinLength(1)]
    [MaxLength(512)]
    public string? Label { get; init; }

    /// <summary>Newest first by this time; this gateway records no separate interaction time, so both use updatedAt.</summary>
    [AllowedValues(null, "updatedAt", "lastInteractionAt")]
    public string? SortBy { get; init; }

    /// <summary>Only agents of the config: always the case here, accepted for compatibility.</summary>
    public bool? ConfiguredAgentsOnly { get; init; }
    public bool? IncludeGlobal { get; init; }
    public bool? IncludeUnknown { get; init; }
    public bool? IncludeDerivedTitles { get; init; }
    public bool? IncludeLastMessage { get; init; }

    /// <summary><c>true</c> (archived only), <c>false</c> (the default: not archived) or <c>"all"</c>.</summary>
    public JsonElement? Archived { get; init; }

    /// <summary>The archived filter for the index: true, false, or null for both.</summary>
    public bool? ArchivedFilter() => Archived switch
    {
        null => false,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Archived is { } archived
            && archived.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
            && !(archived.ValueKind == JsonValueKind.String && archived.GetString() == ArchivedAll))
        {
            yield return new ValidationResult("at /archived: must be boolean or \"all\"", [nameof(Archived)]);
        }
    }
}

/// <summary>
/// <c>sessions.list</c> result: one page. <see cref="Count"/> is the rows in this page, <see cref="TotalCount"/> all
/// that match; <see cref="NextOffset"/> is sent as <c>null</c> on the last page, as upstream does.
/// </summary>
public sealed record SessionsListResult(
    long Ts,
    string Path,
    int Count,
    int TotalCount,
    int LimitApplied,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? NextOffset,
    bool HasMore,
    IReadOnlyList<string> Owners,
    SessionListDefaults Defaults,
    IReadOnlyList<SessionRow> Sessions);

/// <summary>The default agent's model, used by sessions that have none of their own.</summary>
public sealed record SessionListDefaults
{
    public string? ModelProvider { get; init; }
    public string? Model { get; init; }
    public int? ContextTokens { get; init; }
}

/// <summary>One session in <c>sessions.list</c> and <c>sessions.changed</c>. <see cref="Kind"/>: direct, group, global or unknown.</summary>
public sealed record SessionRow(string Key, string Kind)
{
    public string? SessionId { get; init; }
    public string? AgentId { get; init; }
    public string? Label { get; init; }
    public string? DisplayName { get; init; }
    public string? Channel { get; init; }
    public string? ChatType { get; init; }
    public long? CreatedAt { get; init; }
    public long UpdatedAt { get; init; }
    public bool Archived { get; init; }
    public bool Pinned { get; init; }

    /// <summary>queued, running, done, failed, killed or timeout.</summary>
    public string? Status { get; init; }
    public string? ThinkingLevel { get; init; }
    public string? VerboseLevel { get; init; }
    public string? ModelOverride { get; init; }
    public string? ProviderOverride { get; init; }
    public string? ModelProvider { get; init; }
    public string? Model { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long TotalTokens { get; init; }
    public long? ContextTokens { get; init; }
    public int? CompactionCount { get; init; }
    public string? LastRunId { get; init; }
    public string? SpawnedBy { get; init; }

    /// <summary>Only with <see cref="SessionsListParams.IncludeLastMessage"/>.</summary>
    public string? LastMessagePreview { get; init; }
    public bool HasActiveRun { get; init; }
    public IReadOnlyList<string> ActiveRunIds { get; init; } = [];
}
