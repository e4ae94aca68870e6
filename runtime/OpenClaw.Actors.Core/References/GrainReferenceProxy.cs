using System.Reflection;
using OpenClaw.Actors.Metadata;

namespace OpenClaw.Actors.References;

/// <summary>
/// The base of every grain reference: a <see cref="DispatchProxy"/> whose generated subclass implements the grain
/// interface (the runtime caches the generated type per interface). Each interface call becomes a grain call.
/// </summary>
public class GrainReferenceProxy : DispatchProxy, IGrainReference
{
    private GrainInterfaceMetadata _metadata = null!;
    private GrainCallRuntime _runtime = null!;

    public GrainId GrainId { get; private set; }

    internal void Initialize(GrainId grainId, GrainInterfaceMetadata metadata, GrainCallRuntime runtime)
    {
        GrainId = grainId;
        _metadata = metadata;
        _runtime = runtime;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var method = _metadata.GetMethod(targetMethod);
        args ??= [];
        var cancellationToken = CancellationToken.None;
        var arguments = args;
        if (method.CancellationTokenIndex >= 0)
        {
            cancellationToken = (CancellationToken)args[method.CancellationTokenIndex]!;
            arguments = args[..method.CancellationTokenIndex];
        }

        return method.ToDeclaredTask(_runtime.InvokeAsync(GrainId, method, arguments, cancellationToken));
    }

    public override string ToString() => $"GrainReference({_metadata.InterfaceType.Name}, {GrainId})";
}

/// <summary>Implemented by grain references, so the runtime can read their identity.</summary>
public interface IGrainReference
{
    GrainId GrainId { get; }
}
