using System.ComponentModel.DataAnnotations;
using OpenClaw.Actors.DeadLetters;

namespace OpenClaw.Gateway.Methods.ClusterDeadLetters;

/// <summary><c>cluster.deadletters.list</c> params: how many dead letters to show, oldest first.</summary>
public sealed record ClusterDeadLettersListParams
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    [Range(1, MaxLimit)]
    public int? Limit { get; init; }
}

/// <summary>
/// <c>cluster.deadletters.list</c> result: the dead letters (bodies left out), how many of them per shard, and whether
/// more are waiting behind them.
/// </summary>
public sealed record ClusterDeadLettersListResult(IReadOnlyList<DeadLetterInfo> DeadLetters, IReadOnlyDictionary<string, int> ByShard, bool Truncated);

/// <summary>
/// <c>cluster.deadletters.redrive</c> params: either <see cref="MessageIds"/> (as listed) or <see cref="All"/> true.
/// <see cref="Limit"/> bounds how many dead letters are looked at; <see cref="DeadlineMs"/> is each re-driven call's
/// new deadline from now (its original one has usually passed).
/// </summary>
public sealed record ClusterDeadLettersRedriveParams : IValidatableObject
{
    public const int MaxIds = 500;
    public const int MaxIdLength = 200;
    public const int DefaultDeadlineMs = 60_000;

    public IReadOnlyList<string>? MessageIds { get; init; }

    public bool? All { get; init; }

    [Range(1, DeadLetterAdmin.MaxBatch)]
    public int? Limit { get; init; }

    [Range(1_000, 3_600_000)]
    public int? DeadlineMs { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (All == true && MessageIds is not null)
            yield return new ValidationResult("give either messageIds or all, not both", [nameof(MessageIds), nameof(All)]);
        else if (All != true && MessageIds is null)
            yield return new ValidationResult("must have messageIds or all: true", [nameof(MessageIds), nameof(All)]);
        if (MessageIds is { Count: 0 or > MaxIds })
            yield return new ValidationResult($"messageIds must have 1 to {MaxIds} items", [nameof(MessageIds)]);
        else if (MessageIds is not null && MessageIds.Any(id => string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength))
            yield return new ValidationResult($"messageIds must be non-empty strings of at most {MaxIdLength} characters", [nameof(MessageIds)]);
    }
}

/// <summary><c>cluster.deadletters.redrive</c> result: how many dead letters went back to their shard queues.</summary>
public sealed record ClusterDeadLettersRedriveResult(int Redriven);
