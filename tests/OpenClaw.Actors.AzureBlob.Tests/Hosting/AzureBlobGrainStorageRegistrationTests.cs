using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Storage;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.Actors.Tests.Storage;

namespace OpenClaw.Actors.AzureBlob.Tests.Hosting;

[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobGrainStorageRegistrationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddAzureBlobGrainStorage_ResolvesANamedStorageThatKeepsState()
    {
        var container = AzuriteFixture.NewContainerName();
        var services = new ServiceCollection().AddLogging();
        services.AddAzureBlobGrainStorage("Default", o =>
        {
            o.ConnectionString = $"DefaultEndpointsProtocol=http;AccountName={BlobAccount.DevelopmentAccountName};" +
                                 $"AccountKey={BlobAccount.DevelopmentAccountKey};BlobEndpoint={AzuriteFixture.BlobEndpoint}";
            o.ContainerName = container;
        });
        services.AddAzureBlobGrainStorage("Other", o =>
        {
            o.ConnectionString = AzuriteFixture.ConnectionString;
            o.ContainerName = azurite.Container;
        });

        try
        {
            await using (var provider = services.BuildServiceProvider())
            {
                provider.GetRequiredService<IStartupValidator>().Validate();
                var storage = Assert.IsType<AzureBlobGrainStorage>(provider.GetRequiredKeyedService<IGrainStorage>("Default"));
                var other = Assert.IsType<AzureBlobGrainStorage>(provider.GetRequiredKeyedService<IGrainStorage>("Other"));
                var grainId = GrainId.Create("counter", Guid.NewGuid().ToString("N"));

                await storage.WriteStateAsync("state", grainId, new TestGrainState<CounterState> { State = new CounterState { Value = 8 } });
                var read = new TestGrainState<CounterState>();
                await storage.ReadStateAsync("state", grainId, read);
                var elsewhere = new TestGrainState<CounterState>();
                await other.ReadStateAsync("state", grainId, elsewhere);

                Assert.Equal(container, storage.ContainerName);
                Assert.Equal(azurite.Container, other.ContainerName);
                Assert.Equal(8, read.State.Value);
                Assert.False(elsewhere.RecordExists);
            }
        }
        finally
        {
            await azurite.Client.DeleteContainerAsync(container);
        }
    }

    [Fact]
    public async Task AddAzureBlobGrainStorage_WithInvalidOptions_FailsAtStartNamingEachOption()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAzureBlobGrainStorage("Cluster", o =>
        {
            o.ConnectionString = "";
            o.ContainerName = "Not_Valid";
            o.RequestTimeout = TimeSpan.Zero;
        });
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.Contains("'Cluster'") && f.Contains("ConnectionString"));
        Assert.Contains(error.Failures, f => f.Contains("ContainerName") && f.Contains("Not_Valid"));
        Assert.Contains(error.Failures, f => f.Contains("RequestTimeout"));
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<IGrainStorage>("Cluster"));
    }

    [Fact]
    public async Task AddAzureBlobGrainStorage_WithABrokenConnectionString_SaysWhatIsWrongWithoutEchoingIt()
    {
        const string secret = "c2VjcmV0LWtleS1ieXRlcy1mb3ItdGVzdHM=";
        var services = new ServiceCollection().AddLogging();
        services.AddAzureBlobGrainStorage("Cluster", o =>
        {
            o.ConnectionString = $"AccountKey={secret}";
            o.ContainerName = "grains";
        });
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var failure = Assert.Single(error.Failures);
        Assert.Contains("ConnectionString is invalid", failure);
        Assert.Contains("AccountName", failure);
        Assert.DoesNotContain(secret, error.Message);
    }
}
