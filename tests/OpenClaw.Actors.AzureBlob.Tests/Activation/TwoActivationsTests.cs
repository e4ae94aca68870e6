using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.Actors.Runtime.Storage;

namespace OpenClaw.Actors.AzureBlob.Tests.Activation;

public interface IBlobCounterGrain : IGrainWithStringKey
{
    Task<int> AddAsync(int amount);
}

public sealed class BlobCounterState
{
    public int Value { get; set; }
}

public sealed class BlobCounterGrain([PersistentState("counter")] IPersistentState<BlobCounterState> counter) : Grain, IBlobCounterGrain
{
    public async Task<int> AddAsync(int amount)
    {
        counter.State.Value += amount;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }
}

/// <summary>
/// Issue #4's "Azurite conflict": two silos that both believe they own a grain (forced here: two embedded silos over
/// one container each own every grain) run one activation each. The stale activation's write is rejected, the caller
/// gets <see cref="InconsistentStateException"/>, the activation deactivates, and the next call reloads; nothing is
/// silently overwritten.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TwoActivationsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly string _container = AzuriteFixture.NewContainerName();
    private readonly List<ServiceProvider> _silos = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            foreach (var hosted in silo.GetServices<IHostedService>().Reverse()) await hosted.StopAsync(CancellationToken.None).WaitAsync(Bound);
            await silo.DisposeAsync();
        }

        await azurite.Client.DeleteContainerAsync(_container);
    }

    private async Task<IGrainFactory> StartSiloAsync()
    {
        var services = new ServiceCollection();
        services.AddEmbeddedSilo();
        services.AddAzureBlobGrainStorage(GrainStorageNames.Default, blob =>
        {
            blob.ConnectionString = AzuriteFixture.ConnectionString;
            blob.ContainerName = _container;
        });
        services.AddGrain<IBlobCounterGrain, BlobCounterGrain>();
        var provider = services.BuildServiceProvider();
        _silos.Add(provider);
        foreach (var hosted in provider.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None).WaitAsync(Bound);
        return provider.GetRequiredService<IGrainFactory>();
    }

    [Fact]
    public async Task TwoActivationsOfOneGrain_TheStaleWrite_IsRejectedAndTheActivationReloads()
    {
        var siloA = await StartSiloAsync();
        var siloB = await StartSiloAsync();
        var key = Guid.NewGuid().ToString("N");
        var onA = siloA.GetGrain<IBlobCounterGrain>(key);
        var onB = siloB.GetGrain<IBlobCounterGrain>(key);

        Assert.Equal(1, await onA.AddAsync(1).WaitAsync(Bound));
        Assert.Equal(11, await onB.AddAsync(10).WaitAsync(Bound)); // B activated from A's write and wrote on top of it
        await Assert.ThrowsAsync<InconsistentStateException>(() => onA.AddAsync(100).WaitAsync(Bound));

        // A's activation was deactivated by the conflict: its next call runs on a fresh activation that reads B's write.
        var reloaded = await RetryWhileDeactivatingAsync(() => onA.AddAsync(1));
        Assert.Equal(12, reloaded);

        // Now B's activation is the stale one: the same rule applies to it.
        await Assert.ThrowsAsync<InconsistentStateException>(() => onB.AddAsync(1000).WaitAsync(Bound));
        Assert.Equal(13, await RetryWhileDeactivatingAsync(() => onB.AddAsync(1)));
    }

    /// <summary>The conflict's deactivation is asynchronous; a call that lands meanwhile may still see the stale activation.</summary>
    private static async Task<int> RetryWhileDeactivatingAsync(Func<Task<int>> call)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call().WaitAsync(Bound);
            }
            catch (InconsistentStateException) when (waited.Elapsed < Bound)
            {
                await Task.Delay(20);
            }
        }
    }
}
