using OpenClaw.Actors.Metadata;

namespace OpenClaw.Actors.Serialization;

/// <summary>
/// Finds the method a wire message names among the grain interfaces this process knows. Wire data never names a .NET
/// type to load: only registered interfaces can be called.
/// </summary>
public interface IGrainMethodResolver
{
    GrainMethodDescriptor ResolveMethod(GrainType grainType, string interfaceName, string methodName);
}
