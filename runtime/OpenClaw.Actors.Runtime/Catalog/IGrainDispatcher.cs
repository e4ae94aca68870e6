using OpenClaw.Actors.Calls;

namespace OpenClaw.Actors.Runtime.Catalog;

/// <summary>
/// The silo-side seam for transports: runs a call on this silo's activation of the target grain, activating it if
/// needed. Throws <see cref="GrainNotOwnedException"/> when this silo does not host the grain.
/// </summary>
public interface IGrainDispatcher
{
    Task<object?> DispatchAsync(GrainCall call, CancellationToken cancellationToken);
}
