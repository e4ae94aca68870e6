namespace OpenClaw.Actors;

/// <summary>The grain's requests may interleave at await points (still one thread at a time).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>This interface method may interleave with any other request of the activation.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>This interface method does not change state: it may interleave with other read-only requests.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>The activation is never collected when idle (channel pollers, registries).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class KeepAliveAttribute : Attribute;
