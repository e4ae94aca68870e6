using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.AzureBlob.Reminders;
using OpenClaw.Actors.Runtime.Reminders;
using OpenClaw.Grains.Transcripts;
using OpenClaw.Hosting.Cluster;
using OpenClaw.Silo.Cluster.Storage;

namespace OpenClaw.Actors.AzureBlob.Tests.Hosting;

/// <summary>What the cluster silo's one call registers: blob reminders and transcripts in place of the embedded ones.</summary>
public sealed class ClusterBlobServicesRegistrationTests
{
    private static ClusterSettings Settings(string? connectionString = "UseDevelopmentStorage=true", string? clusterId = "blue")
        => new("amqp://guest:guest@127.0.0.1:5672/", connectionString, "silo-1", 8, 18800) { ClusterId = clusterId };

    private static ServiceProvider SiloServices(ClusterSettings settings, bool blobFirst = false)
    {
        var services = new ServiceCollection();
        var stateDirectory = Path.Combine(Path.GetTempPath(), "unused-" + Guid.NewGuid().ToString("N"));
        services.AddEmbeddedSilo();
        services.AddRabbitMqSiloTransport(rabbit => rabbit.ShardCount = 8);
        if (blobFirst) services.AddClusterBlobServices(settings);
        services.AddOpenClawGrainServices(stateDirectory, useLayoutFiles: false);
        if (!blobFirst) services.AddClusterBlobServices(settings);
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddClusterBlobServices_ReplacesTheReminderTableAndTranscriptStore_InEitherOrder(bool blobFirst)
    {
        using var provider = SiloServices(Settings(), blobFirst);

        var reminders = Assert.IsType<AzureBlobReminderTable>(provider.GetRequiredService<IReminderTable>());
        var transcripts = Assert.IsType<BlobTranscriptStore>(provider.GetRequiredService<ITranscriptStore>());

        Assert.Equal(ClusterBlobServiceCollectionExtensions.ReminderContainer, reminders.ContainerName);
        Assert.Equal(8, reminders.ShardCount);
        Assert.Equal("blue/shards-8/00003.json", reminders.BlobNameOf(3));
        Assert.Equal(ClusterBlobServiceCollectionExtensions.TranscriptContainer, transcripts.ContainerName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("openclaw")]
    public void AddClusterBlobServices_ForTheDefaultCluster_KeepsThePlainLayout(string? clusterId)
    {
        using var provider = SiloServices(Settings(clusterId: clusterId));

        var reminders = Assert.IsType<AzureBlobReminderTable>(provider.GetRequiredService<IReminderTable>());
        var transcripts = Assert.IsType<BlobTranscriptStore>(provider.GetRequiredService<ITranscriptStore>());

        Assert.Equal("shards-8/00003.json", reminders.BlobNameOf(3));
        Assert.Null(transcripts.Options.ClusterId);
        Assert.EndsWith("/openclaw-transcripts/agents/main/sessions/s1.jsonl", transcripts.Locate(new TranscriptRef("main", "s1")));
    }

    [Fact]
    public void AddClusterBlobServices_ForANamedCluster_PutsItsIdInFrontOfTranscripts()
    {
        using var provider = SiloServices(Settings(clusterId: "blue"));

        var transcripts = Assert.IsType<BlobTranscriptStore>(provider.GetRequiredService<ITranscriptStore>());

        Assert.EndsWith("/openclaw-transcripts/blue/agents/main/sessions/s1.jsonl", transcripts.Locate(new TranscriptRef("main", "s1")));
    }

    [Fact]
    public void DefaultClusterId_IsTheTransportsDefaultQueuePrefix()
        => Assert.Equal(ClusterBlobLayout.DefaultClusterId, new OpenClaw.Actors.RabbitMq.RabbitMqTransportOptions().QueuePrefix);

    [Fact]
    public void AddClusterBlobServices_WithoutAConnectionString_NamesTheVariable()
    {
        var error = Assert.Throws<ClusterConfigurationException>(() => new ServiceCollection().AddClusterBlobServices(Settings(connectionString: null)));

        Assert.Contains(ClusterEnvironment.BlobConnectionString, error.Message);
    }
}
