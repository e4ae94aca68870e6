using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary><c>sessions.preview</c>: the last <see cref="Limit"/> messages of each key, texts cut to <see cref="MaxChars"/>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SessionsPreviewParams
{
    public const int DefaultLimit = 12;
    public const int DefaultMaxChars = 240;

    [MinLength(1)]
    [MaxLength(100)]
    public required IReadOnlyList<string> Keys { get; init; }

    [Range(1, 100)]
    public int? Limit { get; init; }

    [Range(20, 20_000)]
    public int? MaxChars { get; init; }
}

public sealed record SessionsPreviewResult(long Ts, IReadOnlyList<SessionPreviewEntry> Previews);

/// <summary>Status ok, empty, missing or error.</summary>
public sealed record SessionPreviewEntry(string Key, string Status, IReadOnlyList<SessionPreviewItem> Items);

public sealed record SessionPreviewItem(string Role, string Text);

/// <summary><c>sessions.patch</c>: each field absent leaves it, <c>null</c> clears it, a value sets it.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SessionsPatchParams
{
    [MinLength(1)]
    public required string Key { get; init; }

    [MinLength(1)]
    public string? AgentId { get; init; }

    public PatchString Label { get; init; }
    public PatchString ThinkingLevel { get; init; }
    public PatchString VerboseLevel { get; init; }

    /// <summary><c>provider/model</c>.</summary>
    public PatchString Model { get; init; }
    public PatchBool Archived { get; init; }
    public PatchBool Pinned { get; init; }
}

public sealed record SessionsPatchResult(bool Ok, string Key, SessionRow Entry);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SessionsResetParams
{
    [MinLength(1)]
    public required string Key { get; init; }

    [MinLength(1)]
    public string? AgentId { get; init; }

    [AllowedValues(null, "new", "reset")]
    public string? Reason { get; init; }
}

public sealed record SessionsResetResult(bool Ok, string Key, SessionRow Entry);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SessionsDeleteParams
{
    [MinLength(1)]
    public required string Key { get; init; }

    [MinLength(1)]
    public string? AgentId { get; init; }

    public bool? DeleteTranscript { get; init; }

    [MinLength(1)]
    public string? ExpectedSessionId { get; init; }
}

public sealed record SessionsDeleteResult(bool Ok, string Key, bool Deleted, IReadOnlyList<string> Archived);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SessionsCompactParams
{
    [MinLength(1)]
    public required string Key { get; init; }

    [MinLength(1)]
    public string? AgentId { get; init; }

    [Range(1, int.MaxValue)]
    public int? MaxLines { get; init; }
}

public sealed record SessionsCompactResult
{
    public required bool Ok { get; init; }
    public required string Key { get; init; }
    public required bool Compacted { get; init; }
    public string? Reason { get; init; }
    public CompactionSummary? Result { get; init; }
}

public sealed record CompactionSummary(long? TokensBefore, long? TokensAfter);

/// <summary><c>sessions.subscribe</c>: list params are accepted (upstream answers a first page with them); this gateway only subscribes.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SessionsSubscribeParams
{
    [MinLength(1)]
    public string? AgentId { get; init; }
}

public sealed record SessionsSubscribeResult(bool Subscribed);

/// <summary><c>sessions.messages.subscribe</c> / <c>unsubscribe</c>.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SessionsMessagesSubscribeParams
{
    [MinLength(1)]
    public required string Key { get; init; }

    [MinLength(1)]
    public string? AgentId { get; init; }

    public bool? IncludeApprovals { get; init; }
}

public sealed record SessionsMessagesSubscribeResult(bool Subscribed, string Key);
