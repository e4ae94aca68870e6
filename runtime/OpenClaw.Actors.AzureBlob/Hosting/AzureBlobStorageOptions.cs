namespace OpenClaw.Actors.AzureBlob.Hosting;

/// <summary>Where a named Azure Blob grain storage keeps its state. Validated at start (see <see cref="AzureBlobStorageOptionsValidator"/>).</summary>
public sealed class AzureBlobStorageOptions
{
    /// <summary>
    /// An Azure Storage connection string: <c>UseDevelopmentStorage=true</c> for Azurite, or
    /// <c>DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…[;BlobEndpoint=…|;EndpointSuffix=…]</c>. Secret.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The container holding one blob per grain state; created on first use.</summary>
    public string ContainerName { get; set; } = "grainstate";

    /// <summary>The bound of one storage request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
