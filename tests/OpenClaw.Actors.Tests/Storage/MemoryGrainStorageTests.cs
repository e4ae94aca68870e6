using OpenClaw.Actors.Runtime.Storage;

namespace OpenClaw.Actors.Tests.Storage;

/// <summary>The storage contract, kept by the in-memory storage used in tests and throwaway runs.</summary>
public sealed class MemoryGrainStorageTests : GrainStorageContractTests
{
    protected override IGrainStorage Storage { get; } = new MemoryGrainStorage();
}
