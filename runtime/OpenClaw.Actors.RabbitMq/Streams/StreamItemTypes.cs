using System.Collections.Concurrent;
using System.Reflection;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// Item type name ↔ CLR type. A name from the wire only resolves to a type of an assembly this process has already
/// loaded (assembly versions are ignored, so nodes of slightly different builds interoperate): a message cannot make
/// the node load code. Resolutions are cached up to <see cref="MaxCachedNames"/> names; past that bound (only a
/// stream of garbage names gets there) names are resolved every time instead of growing the cache.
/// </summary>
internal sealed class StreamItemTypes
{
    private const int MaxCachedNames = 1024;

    private readonly ConcurrentDictionary<string, Type?> _resolved = new(StringComparer.Ordinal);

    public static string NameOf(Type type) => type.AssemblyQualifiedName ?? type.FullName ?? type.Name;

    /// <summary>The loaded type named <paramref name="name"/>, or null.</summary>
    public Type? Resolve(string name)
    {
        if (_resolved.TryGetValue(name, out var cached)) return cached;
        var type = ResolveLoaded(name);
        if (_resolved.Count < MaxCachedNames) _resolved.TryAdd(name, type);
        return type;
    }

    private static Type? ResolveLoaded(string name)
    {
        try
        {
            return Type.GetType(name, LoadedAssembly, (assembly, typeName, ignoreCase) => assembly?.GetType(typeName, false, ignoreCase), throwOnError: false);
        }
        catch (Exception exception) when (exception is ArgumentException or FileLoadException or BadImageFormatException or TypeLoadException)
        {
            return null; // a malformed name is just an unknown type
        }
    }

    private static Assembly? LoadedAssembly(AssemblyName name) =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(assembly => string.Equals(assembly.GetName().Name, name.Name, StringComparison.Ordinal));
}
