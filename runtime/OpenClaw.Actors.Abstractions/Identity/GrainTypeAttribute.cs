namespace OpenClaw.Actors;

/// <summary>
/// Names the grain type of a grain interface (and so of the grain class implementing it). Without it the name is the
/// interface name lower-cased, without the leading <c>I</c> and the trailing <c>Grain</c>: <c>IChatSessionGrain</c>
/// → <c>chatsession</c>. The name is part of every stored state and every queued message: never rename it.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
