using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// <c>logs.tail</c> params. <see cref="Cursor"/> is the byte offset returned by the previous call; without it the
/// tail of the file is read.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LogsTailParams
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 5000;
    public const int DefaultMaxBytes = 250_000;
    public const int MaxMaxBytes = 1_000_000;

    [Range(0, long.MaxValue)]
    public long? Cursor { get; init; }

    [Range(1, MaxLimit)]
    public int? Limit { get; init; }

    [Range(1, MaxMaxBytes)]
    public int? MaxBytes { get; init; }
}

/// <summary>
/// <c>logs.tail</c> result. <see cref="Lines"/> are whole JSON log records; <see cref="Truncated"/>: older lines were
/// left out (byte or line limit); <see cref="Reset"/>: the cursor no longer fit the file (rotated) or fell too far behind.
/// </summary>
public sealed record LogsTailResult(string File, long Cursor, long Size, IReadOnlyList<string> Lines, bool Truncated, bool Reset);
