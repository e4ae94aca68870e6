using System.Text.Json;
using System.Text.Json.Serialization;
using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Grains.Transcripts;

/// <summary>
/// One line after the header of an OpenClaw JSONL transcript: <c>{type, id, parentId, timestamp, …}</c>. Entries form
/// a chain through <see cref="ParentId"/> (null for the first). Fields of other entry kinds that this gateway does not
/// interpret are kept in <see cref="Extra"/>, so a transcript moved in from OpenClaw reads back unchanged.
/// </summary>
public sealed record TranscriptEntry
{
    public required string Type { get; init; }
    public required string Id { get; init; }

    /// <summary>Written as <c>null</c> for the first entry (OpenClaw always writes the field).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ParentId { get; init; }

    /// <summary>ISO 8601 UTC with milliseconds.</summary>
    public required string Timestamp { get; init; }

    /// <summary>For <see cref="TranscriptEntryTypes.Message"/>.</summary>
    public ChatMessage? Message { get; init; }

    /// <summary>The idempotency key of the send that wrote this user message; lets a retried start skip a duplicate.</summary>
    public string? IdempotencyKey { get; init; }

    // compaction
    public string? Summary { get; init; }
    public string? FirstKeptEntryId { get; init; }
    public long? TokensBefore { get; init; }
    public long? TokensAfter { get; init; }

    // reset
    public string? Reason { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public static class TranscriptEntryTypes
{
    public const string Session = "session";
    public const string Message = "message";
    public const string Compaction = "compaction";
    public const string Reset = "reset";
    public const string CustomMessage = "custom_message";
}

/// <summary>Line 1 of a transcript: <c>{"type":"session","version":4,"id","timestamp","cwd"}</c>.</summary>
public sealed record TranscriptHeader
{
    public const int CurrentVersion = 4;

    public string Type { get; init; } = TranscriptEntryTypes.Session;
    public int Version { get; init; } = CurrentVersion;
    public required string Id { get; init; }
    public required string Timestamp { get; init; }
    public string? Cwd { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
