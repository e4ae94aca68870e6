using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Reminders;
using OpenClaw.Actors.RabbitMq.Silo;
using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Grains.Transcripts;
using OpenClaw.Hosting.Cluster;
using OpenClaw.Silo.Cluster.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The cluster silo's blob-backed services beyond grain state: reminders per shard and transcripts.</summary>
public static class ClusterBlobServiceCollectionExtensions
{
    /// <summary>The key of the <see cref="BlobRestClient"/> these services share.</summary>
    public const string ClientKey = "openclaw-cluster-blob";

    public const string ReminderContainer = "openclaw-reminders";

    public const string TranscriptContainer = BlobTranscriptStore.DefaultContainerName;

    /// <summary>
    /// Replaces the silo's reminder table with <see cref="AzureBlobReminderTable"/> (one blob per shard; reminders of
    /// the shards RabbitMQ delivers to this silo fire here) and the transcript store with
    /// <see cref="BlobTranscriptStore"/> (append blobs). Reminder and transcript blobs carry the cluster id
    /// (OPENCLAW_CLUSTER_ID; <see cref="ClusterBlobLayout"/>: no segment for the default cluster), so clusters sharing a
    /// storage account never fire each other's reminders or read each other's transcripts. Call after <c>AddEmbeddedSilo</c> and
    /// <c>AddRabbitMqSiloTransport</c>; before or after <c>AddOpenClawGrainServices</c>, whose store is only TryAdd-ed.
    /// </summary>
    public static IServiceCollection AddClusterBlobServices(this IServiceCollection services, ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var account = BlobConnectionString.Parse(settings.BlobConnectionString
            ?? throw new ClusterConfigurationException($"{ClusterEnvironment.BlobConnectionString} is not set: cluster reminders and transcripts live in Azure Blob Storage."));
        var clusterId = ClusterBlobLayout.ClusterIdInBlobNames(settings);

        services.AddKeyedSingleton(ClientKey, (provider, _) => BlobRestClient.Create(
            account, time: provider.GetService<TimeProvider>(), logger: provider.GetRequiredService<ILogger<BlobRestClient>>()));
        services.Replace(ServiceDescriptor.Singleton<IReminderTable>(provider => new AzureBlobReminderTable(
            provider.GetRequiredKeyedService<BlobRestClient>(ClientKey),
            ReminderContainer,
            new TransportReminderShards(provider.GetRequiredService<RabbitMqShardOwnership>()),
            provider.GetRequiredService<ILogger<AzureBlobReminderTable>>(),
            clusterId)));
        services.Replace(ServiceDescriptor.Singleton<ITranscriptStore>(provider => new BlobTranscriptStore(
            provider.GetRequiredKeyedService<BlobRestClient>(ClientKey),
            TranscriptContainer,
            provider.GetRequiredService<ILogger<BlobTranscriptStore>>(),
            new BlobTranscriptStoreOptions { ClusterId = clusterId })));
        return services;
    }
}
