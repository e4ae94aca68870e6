namespace OpenClaw.Actors;

/// <summary>
/// Identifies one virtual actor: its grain type and its key. At most one activation per <see cref="GrainId"/>
/// exists in a cluster at a time. The string form is <c>type/key</c>; it is what placement hashes.
/// </summary>
public readonly record struct GrainId(GrainType Type, string Key)
{
    public static GrainId Create(string type, string key) => new(new GrainType(type), key);

    public override string ToString() => $"{Type.Value}/{Key}";

    /// <summary>Parses the <c>type/key</c> form; the key may itself contain slashes.</summary>
    public static GrainId Parse(string value)
    {
        var slash = value.IndexOf('/');
        if (slash <= 0) throw new FormatException($"'{value}' is not a grain id of the form type/key.");
        return Create(value[..slash], value[(slash + 1)..]);
    }
}

/// <summary>The name of a grain class as the cluster knows it, e.g. <c>chatsession</c>.</summary>
public readonly record struct GrainType(string Value)
{
    public override string ToString() => Value;
}
