namespace OpenClaw.Actors.AzureBlob.Storage;

/// <summary>
/// A state blob could not be read. It is left as it is, never reset: losing a grain's state silently is worse than
/// failing its activation until someone repairs or removes the blob.
/// </summary>
public sealed class GrainStateBlobCorruptedException(string location, string reason, Exception? innerException = null)
    : Exception($"Grain state blob '{location}' is corrupt and was left untouched ({reason}). Repair or remove it.", innerException)
{
    /// <summary><c>container/blob</c> of the corrupt record.</summary>
    public string Location { get; } = location;
}
