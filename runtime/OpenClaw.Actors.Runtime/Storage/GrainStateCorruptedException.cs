namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// A stored grain state could not be read. The record is left as it is, never reset: losing a grain's state
/// silently is worse than failing its activation until someone repairs or removes the file.
/// </summary>
public sealed class GrainStateCorruptedException(string location, string reason, Exception? innerException = null)
    : Exception($"Grain state '{location}' is corrupt and was left untouched ({reason}). Repair or remove it.", innerException)
{
    /// <summary>The file path (or storage key) of the corrupt record.</summary>
    public string Location { get; } = location;
}
