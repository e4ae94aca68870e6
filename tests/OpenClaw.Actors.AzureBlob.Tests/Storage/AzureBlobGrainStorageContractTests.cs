using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.AzureBlob.Storage;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.Actors.Tests.Storage;

namespace OpenClaw.Actors.AzureBlob.Tests.Storage;

/// <summary>The IGrainStorage contract (the suite every storage runs), kept by the Azure Blob storage on Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobGrainStorageContractTests(AzuriteFixture azurite) : GrainStorageContractTests
{
    protected override IGrainStorage Storage { get; } =
        new AzureBlobGrainStorage(azurite.Client, azurite.Container, NullLogger<AzureBlobGrainStorage>.Instance);
}
