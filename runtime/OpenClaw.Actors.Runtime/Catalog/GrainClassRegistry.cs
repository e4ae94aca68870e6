using System.Collections.Frozen;
using OpenClaw.Actors.Metadata;
using OpenClaw.Actors.Serialization;

namespace OpenClaw.Actors.Runtime.Catalog;

/// <summary>
/// Grain type → grain class, built once from the <see cref="GrainClassRegistration"/>s in DI. Every registered
/// interface is validated here, so a bad interface or two classes claiming one grain type fail at silo start.
/// </summary>
public sealed class GrainClassRegistry : IGrainMethodResolver
{
    private readonly FrozenDictionary<GrainType, GrainClassInfo> _byType;

    public GrainClassRegistry(IEnumerable<GrainClassRegistration> registrations)
    {
        var classes = new Dictionary<Type, GrainClassInfo>();
        var byType = new Dictionary<GrainType, GrainClassInfo>();
        foreach (var registration in registrations)
        {
            GrainClassInfo.EnsureIsGrainClass(registration.GrainClass);
            if (!registration.InterfaceType.IsAssignableFrom(registration.GrainClass))
                throw new InvalidOperationException($"{registration.GrainClass.FullName} does not implement {registration.InterfaceType.FullName}.");

            var metadata = GrainInterfaceMetadata.For(registration.InterfaceType);
            if (!classes.TryGetValue(registration.GrainClass, out var info))
                classes[registration.GrainClass] = info = new GrainClassInfo(registration.GrainClass);

            if (byType.TryGetValue(metadata.GrainType, out var existing) && existing.GrainClass != info.GrainClass)
            {
                throw new InvalidOperationException(
                    $"Grain type '{metadata.GrainType}' is claimed by both {existing.GrainClass.FullName} and {info.GrainClass.FullName}; " +
                    "give one of the interfaces its own [GrainType(\"...\")].");
            }

            byType[metadata.GrainType] = info;
        }

        _byType = byType.ToFrozenDictionary();
    }

    public IEnumerable<GrainType> GrainTypes => _byType.Keys;

    public GrainClassInfo Get(GrainType grainType) => _byType.TryGetValue(grainType, out var info)
        ? info
        : throw new InvalidOperationException($"No grain class is registered for grain type '{grainType}' (register it with AddGrain<TInterface, TGrain>() or AddGrainsFromAssembly).");

    /// <summary>The method a wire message names, looked up among the interfaces the grain's class implements.</summary>
    public GrainMethodDescriptor ResolveMethod(GrainType grainType, string interfaceName, string methodName)
    {
        var info = Get(grainType);
        var metadata = info.FindInterface(interfaceName)
            ?? throw new InvalidOperationException($"Grain type '{grainType}' ({info.GrainClass.Name}) does not implement interface {interfaceName}.");
        return metadata.FindMethod(methodName)
            ?? throw new InvalidOperationException($"Interface {interfaceName} has no method {methodName}.");
    }
}
