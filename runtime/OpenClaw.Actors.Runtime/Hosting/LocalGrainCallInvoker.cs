using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Runtime.Catalog;

namespace OpenClaw.Actors.Runtime.Hosting;

/// <summary>
/// Embedded mode's call path: straight into the local catalog. Arguments are not serialized; grain messages are
/// immutable records, so sharing them is safe.
/// </summary>
public sealed class LocalGrainCallInvoker(IGrainDispatcher dispatcher) : IGrainCallInvoker
{
    public Task<object?> InvokeAsync(GrainCall call, CancellationToken cancellationToken) => dispatcher.DispatchAsync(call, cancellationToken);
}

/// <summary>Embedded mode: this process hosts every grain.</summary>
public sealed class EmbeddedGrainOwnership : ILocalGrainOwnership
{
    public bool Owns(GrainId grainId) => true;
}
