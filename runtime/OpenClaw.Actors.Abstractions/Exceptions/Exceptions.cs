namespace OpenClaw.Actors;

/// <summary>
/// An expected failure with a stable code, thrown by grains; it crosses the call boundary (and the cluster) intact,
/// so the front tier can map <see cref="Code"/> to a protocol error. Anything else reaching a caller is a bug.
/// </summary>
public class DomainException(string code, string message, bool retryable = false) : Exception(message)
{
    public string Code { get; } = code;
    public bool Retryable { get; } = retryable;
}

/// <summary>A conditional state write found newer state (ETag mismatch). Orleans' name.</summary>
public sealed class InconsistentStateException(string message, string? storedEtag = null, string? currentEtag = null) : Exception(message)
{
    public string? StoredEtag { get; } = storedEtag;
    public string? CurrentEtag { get; } = currentEtag;
}

/// <summary>The activation's mailbox is full: the call is rejected at once and may be retried.</summary>
public sealed class GrainOverloadedException(GrainId grainId, int limit)
    : Exception($"Grain {grainId} has {limit} queued requests; the call was rejected. Retry later.")
{
    public GrainId GrainId { get; } = grainId;

    /// <summary>The mailbox bound that was hit.</summary>
    public int Limit { get; } = limit;
}

/// <summary>
/// A grain threw an exception that is not one of the types that cross the call boundary; the original type and
/// message are kept for logs.
/// </summary>
public sealed class GrainInvocationException(string originalType, string message) : Exception($"{originalType}: {message}")
{
    public string OriginalType { get; } = originalType;
}
