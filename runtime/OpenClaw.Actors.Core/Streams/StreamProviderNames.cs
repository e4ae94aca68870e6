namespace OpenClaw.Actors.Streams;

/// <summary>Names of the keyed <see cref="IStreamProvider"/> registrations.</summary>
public static class StreamProviderNames
{
    public const string Default = "default";
}
