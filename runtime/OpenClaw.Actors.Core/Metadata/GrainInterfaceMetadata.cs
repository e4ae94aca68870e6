using System.Collections.Frozen;
using System.Reflection;

namespace OpenClaw.Actors.Metadata;

/// <summary>
/// What the runtime knows about one grain interface: its grain type and its method table (its own methods and those
/// of the grain interfaces it extends). Built and validated once per interface; an invalid interface fails on first
/// use with a message that says what to change.
/// </summary>
public sealed class GrainInterfaceMetadata
{
    private readonly FrozenDictionary<string, GrainMethodDescriptor> _byName;
    private readonly FrozenDictionary<MethodInfo, GrainMethodDescriptor> _byMethod;

    private GrainInterfaceMetadata(Type interfaceType, IReadOnlyList<GrainMethodDescriptor> methods)
    {
        InterfaceType = interfaceType;
        GrainType = GrainTypeNames.Of(interfaceType);
        Methods = methods;
        _byName = methods.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
        _byMethod = methods.ToFrozenDictionary(m => m.Method);
    }

    public Type InterfaceType { get; }

    /// <summary>The stable name used on the wire for this interface (its full name).</summary>
    public string InterfaceName => InterfaceType.FullName ?? InterfaceType.Name;

    public GrainType GrainType { get; }
    public IReadOnlyList<GrainMethodDescriptor> Methods { get; }

    public GrainMethodDescriptor? FindMethod(string name) => _byName.GetValueOrDefault(name);

    public GrainMethodDescriptor GetMethod(MethodInfo method) => _byMethod.TryGetValue(method, out var descriptor)
        ? descriptor
        : throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} is not a method of grain interface {InterfaceName}.");

    public static GrainInterfaceMetadata For<TGrainInterface>() => Cache<TGrainInterface>.Get();

    public static GrainInterfaceMetadata For(Type grainInterface)
    {
        ArgumentNullException.ThrowIfNull(grainInterface);
        var get = typeof(Cache<>).MakeGenericType(grainInterface).GetMethod(nameof(Cache<IGrain>.Get), BindingFlags.Public | BindingFlags.Static)!;
        try
        {
            return (GrainInterfaceMetadata)get.Invoke(null, null)!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw exception.InnerException;
        }
    }

    /// <summary>Whether <paramref name="type"/> is a grain interface (an interface extending <see cref="IGrain"/>, not a marker).</summary>
    public static bool IsGrainInterface(Type type) =>
        type.IsInterface && typeof(IGrain).IsAssignableFrom(type) && !IsMarker(type);

    private static bool IsMarker(Type type) =>
        type == typeof(IGrain) || type == typeof(IAddressable) || type == typeof(IGrainWithStringKey);

    private static GrainInterfaceMetadata Create(Type interfaceType)
    {
        if (!IsGrainInterface(interfaceType))
            throw new InvalidOperationException($"{interfaceType.FullName} is not a grain interface: it must be an interface extending IGrainWithStringKey (or IGrain).");

        var declaringInterfaces = new[] { interfaceType }.Concat(interfaceType.GetInterfaces()).Where(t => !IsMarker(t)).Distinct();
        var methods = declaringInterfaces.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => !m.IsSpecialName)
            .ToList();
        GrainInterfaceValidation.Validate(interfaceType, methods);
        return new GrainInterfaceMetadata(interfaceType, methods.Select(m => new GrainMethodDescriptor(interfaceType, m)).ToArray());
    }

    /// <summary>One build per interface type; a validation failure is kept and rethrown on every use.</summary>
    private static class Cache<TGrainInterface>
    {
        private static readonly GrainInterfaceMetadata? Metadata;
        private static readonly Exception? Error;

        static Cache()
        {
            try
            {
                Metadata = Create(typeof(TGrainInterface));
            }
            catch (InvalidOperationException exception)
            {
                Error = exception;
            }
        }

        public static GrainInterfaceMetadata Get() =>
            Metadata ?? throw new InvalidOperationException(Error!.Message, Error);
    }
}
