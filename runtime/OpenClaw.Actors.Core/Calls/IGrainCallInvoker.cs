namespace OpenClaw.Actors.Calls;

/// <summary>
/// The client-side seam: delivers a call to wherever the grain lives and returns its result (null for a
/// <see cref="Task"/> method). Embedded: straight to the local catalog. Cluster: a transport. The token fires at the
/// call's deadline or when the caller gives up.
/// </summary>
public interface IGrainCallInvoker
{
    Task<object?> InvokeAsync(GrainCall call, CancellationToken cancellationToken);
}
