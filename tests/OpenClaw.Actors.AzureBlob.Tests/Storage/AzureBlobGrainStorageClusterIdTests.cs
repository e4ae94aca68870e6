using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.AzureBlob.Hosting;
using OpenClaw.Actors.AzureBlob.Storage;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.Actors.Tests.Storage;

namespace OpenClaw.Actors.AzureBlob.Tests.Storage;

/// <summary>Clusters sharing one storage account and container never see each other's grain state (OPENCLAW_CLUSTER_ID).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobGrainStorageClusterIdTests(AzuriteFixture azurite)
{
    private const string StateName = "state";

    private AzureBlobGrainStorage NewStorage(string? clusterId)
        => new(azurite.Client, azurite.Container, NullLogger<AzureBlobGrainStorage>.Instance, clusterId);

    private static async Task<TestGrainState<CounterState>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new TestGrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grainId, state);
        return state;
    }

    [Fact]
    public async Task SameGrain_InTwoClustersAndTheDefault_HasThreeIndependentStates()
    {
        var grainId = GrainId.Create("counter", Guid.NewGuid().ToString("N"));
        var blue = NewStorage("blue");
        var green = NewStorage("green");
        var standard = NewStorage(null);

        await blue.WriteStateAsync(StateName, grainId, new TestGrainState<CounterState> { State = new CounterState { Value = 1 } });
        var greenBefore = await ReadAsync(green, grainId);
        await green.WriteStateAsync(StateName, grainId, new TestGrainState<CounterState> { State = new CounterState { Value = 2 } });
        // A fresh state (no ETag) in the default cluster: no conflict with the other clusters' blobs.
        await standard.WriteStateAsync(StateName, grainId, new TestGrainState<CounterState> { State = new CounterState { Value = 3 } });

        Assert.False(greenBefore.RecordExists);
        Assert.Equal(1, (await ReadAsync(blue, grainId)).State.Value);
        Assert.Equal(2, (await ReadAsync(green, grainId)).State.Value);
        Assert.Equal(3, (await ReadAsync(standard, grainId)).State.Value);
        Assert.Equal($"blue/counter/{grainId.Key}/state.json", blue.GetBlobName(StateName, grainId));
        Assert.Equal($"counter/{grainId.Key}/state.json", standard.GetBlobName(StateName, grainId));
        await blue.ClearStateAsync(StateName, grainId, await ReadAsync(blue, grainId));
        Assert.Equal(2, (await ReadAsync(green, grainId)).State.Value);
    }

    [Theory]
    [InlineData("a/b", "a~2fb/")]
    [InlineData("..", "~2e~2e/")]
    [InlineData("eu-1.prod", "eu-1.prod/")]
    public void Prefix_EscapesTheClusterId_SoItIsOneSegment(string clusterId, string prefix)
        => Assert.Equal(prefix, ClusterBlobNames.Prefix(clusterId));

    [Fact]
    public void AddAzureBlobGrainStorage_PassesTheClusterId_AndRefusesAnEmptyOne()
    {
        var services = new ServiceCollection();
        services.AddAzureBlobGrainStorage("grains", blob =>
        {
            blob.ConnectionString = AzuriteFixture.ConnectionString;
            blob.ContainerName = "grains";
            blob.ClusterId = "blue";
        });
        services.AddAzureBlobGrainStorage("empty", blob =>
        {
            blob.ConnectionString = AzuriteFixture.ConnectionString;
            blob.ClusterId = " ";
        });
        using var provider = services.BuildServiceProvider();

        var storage = Assert.IsType<AzureBlobGrainStorage>(provider.GetRequiredKeyedService<IGrainStorage>("grains"));
        Assert.StartsWith("blue/", storage.GetBlobName(StateName, GrainId.Create("counter", "k")));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<AzureBlobStorageOptions>>().Get("empty"));
        Assert.Contains("ClusterId", error.Message);
    }
}
