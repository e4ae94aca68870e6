namespace OpenClaw.Actors.Runtime.Catalog;

/// <summary>
/// This silo does not (or no longer) host the grain: it is stopping, or the grain's shard belongs to another silo.
/// Transports route the call again; nothing ran.
/// </summary>
public sealed class GrainNotOwnedException(GrainId grainId, string reason)
    : Exception($"This silo does not host grain {grainId} ({reason}); route the call again.")
{
    public GrainId GrainId { get; } = grainId;
}
