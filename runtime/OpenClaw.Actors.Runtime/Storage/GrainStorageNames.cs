namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>Names of the keyed <see cref="IGrainStorage"/> registrations.</summary>
public static class GrainStorageNames
{
    /// <summary>The storage used by <see cref="PersistentStateAttribute"/> when it names none.</summary>
    public const string Default = "Default";
}
