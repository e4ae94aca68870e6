using System.Collections.Frozen;
using System.Reflection;
using OpenClaw.Actors.Metadata;
using OpenClaw.Actors.Runtime.Activation;

namespace OpenClaw.Actors.Runtime.Catalog;

/// <summary>What the silo knows about one grain class: how to build it, how it interleaves, which interfaces it serves.</summary>
public sealed class GrainClassInfo
{
    private readonly FrozenDictionary<string, GrainInterfaceMetadata> _interfaces;

    internal GrainClassInfo(Type grainClass)
    {
        GrainClass = grainClass;
        IsReentrant = grainClass.IsDefined(typeof(ReentrantAttribute), inherit: true);
        KeepAlive = grainClass.IsDefined(typeof(KeepAliveAttribute), inherit: false);
        _interfaces = grainClass.GetInterfaces()
            .Where(GrainInterfaceMetadata.IsGrainInterface)
            .Select(GrainInterfaceMetadata.For)
            .ToFrozenDictionary(m => m.InterfaceName, StringComparer.Ordinal);
        Constructor = new GrainConstructor(grainClass);
    }

    public Type GrainClass { get; }
    public bool IsReentrant { get; }
    public bool KeepAlive { get; }
    internal GrainConstructor Constructor { get; }

    public IEnumerable<GrainInterfaceMetadata> Interfaces => _interfaces.Values;

    public GrainInterfaceMetadata? FindInterface(string interfaceName) => _interfaces.GetValueOrDefault(interfaceName);

    public bool Implements(Type interfaceType) => interfaceType.IsAssignableFrom(GrainClass);

    internal static void EnsureIsGrainClass(Type grainClass)
    {
        if (grainClass.IsAbstract || !typeof(Grain).IsAssignableFrom(grainClass) || grainClass.IsGenericTypeDefinition)
            throw new InvalidOperationException($"{grainClass.FullName} cannot be a grain class: it must be a non-abstract, non-generic subclass of Grain.");
        if (grainClass.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Length == 0)
            throw new InvalidOperationException($"{grainClass.FullName} cannot be a grain class: it has no public constructor.");
    }
}
