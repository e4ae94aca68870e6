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

    /// <summary>
    /// Names the cluster in the blob names (<c>&lt;clusterId&gt;/&lt;type&gt;/&lt;key&gt;/&lt;state&gt;.json</c>), so clusters
    /// sharing one container never see each other's state; null (the default): no cluster segment.
    /// </summary>
    public string? ClusterId { get; set; }

    /// <summary>The bound of one storage request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
