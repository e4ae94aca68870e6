using System.Reflection;

namespace OpenClaw.Actors.Metadata;

/// <summary>The rule that names a grain type; client and silo must agree on it, so it lives in one place.</summary>
public static class GrainTypeNames
{
    /// <summary>
    /// <see cref="GrainTypeAttribute"/> if present, else the interface name without the leading <c>I</c> and the
    /// trailing <c>Grain</c>, lower-cased: <c>IChatSessionGrain</c> → <c>chatsession</c>.
    /// </summary>
    public static GrainType Of(Type grainInterface)
    {
        ArgumentNullException.ThrowIfNull(grainInterface);
        var attribute = grainInterface.GetCustomAttribute<GrainTypeAttribute>(inherit: false);
        if (attribute is not null)
        {
            if (string.IsNullOrWhiteSpace(attribute.Name) || attribute.Name.Contains('/'))
                throw new InvalidOperationException(
                    $"[GrainType(\"{attribute.Name}\")] on {grainInterface.FullName} is invalid: the name must be non-empty and must not contain '/'.");
            return new GrainType(attribute.Name);
        }

        var name = grainInterface.Name;
        var backtick = name.IndexOf('`');
        if (backtick >= 0) name = name[..backtick];
        if (name.Length > 1 && name[0] == 'I' && char.IsUpper(name[1])) name = name[1..];
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length) name = name[..^"Grain".Length];
        return new GrainType(name.ToLowerInvariant());
    }
}
