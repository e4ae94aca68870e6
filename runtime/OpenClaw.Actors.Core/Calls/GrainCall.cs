using OpenClaw.Actors.Metadata;

namespace OpenClaw.Actors.Calls;

/// <summary>
/// One request to a grain: the target, the interface method and its arguments (without the cancellation token), and
/// the instant after which the caller no longer waits. Arguments are the caller's objects; transports that leave the
/// process encode them with <see cref="Serialization.GrainCallCodec"/>.
/// </summary>
public sealed class GrainCall(GrainId target, GrainMethodDescriptor method, object?[] arguments, DateTimeOffset deadline)
{
    public GrainId Target { get; } = target;
    public GrainMethodDescriptor Method { get; } = method;
    public object?[] Arguments { get; } = arguments;
    public DateTimeOffset Deadline { get; } = deadline;

    public override string ToString() => $"{Target}.{Method.Name}";
}
