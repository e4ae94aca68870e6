using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Storage;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.Actors.Tests.Storage;

namespace OpenClaw.Actors.AzureBlob.Tests.Storage;

/// <summary>
/// What blobs add to the contract: where and how a state is stored, two activations of one grain on different silos
/// (separate storage instances), keys of any shape, corrupt blobs reported rather than reset.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBlobGrainStorageTests(AzuriteFixture azurite)
{
    private const string StateName = "state";

    private AzureBlobGrainStorage NewStorage(string? container = null)
        => new(azurite.Client, container ?? azurite.Container, NullLogger<AzureBlobGrainStorage>.Instance);

    private static GrainId NewGrainId() => GrainId.Create("counter", Guid.NewGuid().ToString("N"));

    private static async Task<TestGrainState<CounterState>> ReadAsync(IGrainStorage storage, GrainId grainId)
    {
        var state = new TestGrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grainId, state);
        return state;
    }

    [Fact]
    public async Task Write_StoresJsonStateWithItsVersionInMetadataAtTheGrainBlob()
    {
        var storage = NewStorage();
        var grainId = GrainId.Create("counter", "main-" + Guid.NewGuid().ToString("N"));
        var state = new TestGrainState<CounterState> { State = new CounterState { Value = 3 } };

        await storage.WriteStateAsync(StateName, grainId, state);

        var blob = storage.GetBlobName(StateName, grainId);
        Assert.Equal($"counter/{grainId.Key}/state.json", blob);
        var download = await azurite.Client.DownloadAsync(azurite.Container, blob);
        using var document = JsonDocument.Parse(download!.Content);
        Assert.Equal(3, document.RootElement.GetProperty("value").GetInt32());
        Assert.Equal(state.ETag, download.Properties.Metadata["stateversion"]);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task TwoActivations_TheStaleOneWrites_IsRejectedAndDoesNotOverwrite()
    {
        var grainId = NewGrainId();
        var siloA = NewStorage();
        var siloB = NewStorage();
        var original = new TestGrainState<CounterState> { State = new CounterState { Value = 1 } };
        await siloA.WriteStateAsync(StateName, grainId, original);

        // Failover: a new activation on silo B loads and writes while the old one on silo A still runs.
        var newer = await ReadAsync(siloB, grainId);
        newer.State.Value = 2;
        await siloB.WriteStateAsync(StateName, grainId, newer);

        original.State.Value = 99;
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => siloA.WriteStateAsync(StateName, grainId, original));

        Assert.Equal(newer.ETag, conflict.StoredEtag);
        Assert.Equal("1", conflict.CurrentEtag);
        Assert.Equal(2, (await ReadAsync(siloA, grainId)).State.Value);
        await Assert.ThrowsAsync<InconsistentStateException>(() => siloA.ClearStateAsync(StateName, grainId, original));

        // The stale activation reloads and carries on from the newer state.
        var reloaded = await ReadAsync(siloA, grainId);
        reloaded.State.Value = 3;
        await siloA.WriteStateAsync(StateName, grainId, reloaded);
        Assert.Equal(3, (await ReadAsync(siloB, grainId)).State.Value);
    }

    [Fact]
    public async Task TwoActivations_RacingFromTheSameVersion_ExactlyOneWins()
    {
        var grainId = NewGrainId();
        await NewStorage().WriteStateAsync(StateName, grainId, new TestGrainState<CounterState>());
        var silos = Enumerable.Range(0, 4).Select(_ => NewStorage()).ToList();
        var readers = new List<TestGrainState<CounterState>>();
        foreach (var silo in silos) readers.Add(await ReadAsync(silo, grainId));

        var outcomes = await Task.WhenAll(silos.Select(async (silo, i) =>
        {
            readers[i].State.Value = 10 + i;
            try
            {
                await silo.WriteStateAsync(StateName, grainId, readers[i]);
                return i;
            }
            catch (InconsistentStateException)
            {
                return -1;
            }
        })).WaitAsync(TimeSpan.FromSeconds(10));

        var winner = Assert.Single(outcomes, i => i >= 0);
        Assert.Equal(10 + winner, (await ReadAsync(NewStorage(), grainId)).State.Value);
    }

    [Fact]
    public async Task Keys_WithOddCharacters_MapToDistinctSafeBlobsAndRoundTrip()
    {
        var longKey = new string('k', 1000);
        string[] keys =
        [
            "a", "A", "a/b", "a\\b", "a:b", "a%2fb", "a%2Fb", "a~b", "a~~b", "~", ".", "..", "../../etc", "", " ", "a.", ".a",
            "a b", "a\0b", "ü", "u\u0308", "日本語", "😀", "a*b?c<d>e|f\"g#h&i=j+k", longKey, longKey + "x", new string('.', 300),
            "%", "%25", "agent:main:telegram:dm:42",
        ];
        var storage = NewStorage();
        var type = "odd" + Guid.NewGuid().ToString("N")[..8];

        for (var i = 0; i < keys.Length; i++)
            await storage.WriteStateAsync(StateName, GrainId.Create(type, keys[i]), new TestGrainState<CounterState> { State = new CounterState { Value = i } });

        var names = keys.Select(k => storage.GetBlobName(StateName, GrainId.Create(type, k))).ToList();
        Assert.Equal(keys.Length, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, name =>
        {
            Assert.True(name.Length <= 1024, name);
            Assert.Equal(3, name.Split('/').Length);
            Assert.DoesNotContain(name.Split('/'), segment => segment is "" or "." or "..");
        });
        for (var i = 0; i < keys.Length; i++)
            Assert.Equal(i, (await ReadAsync(storage, GrainId.Create(type, keys[i]))).State.Value);
        var listed = await azurite.Client.ListBlobsAsync(azurite.Container, type + "/").ToListAsync();
        Assert.Equal(names.Order(StringComparer.Ordinal), listed.Select(b => b.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Read_BlobWithoutVersionMetadata_ThrowsCorruptedAndLeavesTheBlob()
    {
        var storage = NewStorage();
        var grainId = NewGrainId();
        var blob = storage.GetBlobName(StateName, grainId);
        await azurite.Client.PutBlockBlobAsync(azurite.Container, blob, "{\"value\":1}"u8.ToArray());

        var error = await Assert.ThrowsAsync<GrainStateBlobCorruptedException>(() => ReadAsync(storage, grainId));

        Assert.Contains(blob, error.Location);
        Assert.NotNull(await azurite.Client.GetPropertiesAsync(azurite.Container, blob));
    }

    [Fact]
    public async Task Read_BlobWithInvalidJson_ThrowsCorrupted()
    {
        var storage = NewStorage();
        var grainId = NewGrainId();
        await azurite.Client.PutBlockBlobAsync(azurite.Container, storage.GetBlobName(StateName, grainId), Encoding.UTF8.GetBytes("{not json"),
            new BlobWriteOptions { Metadata = new Dictionary<string, string> { ["stateversion"] = "4" } });

        await Assert.ThrowsAsync<GrainStateBlobCorruptedException>(() => ReadAsync(storage, grainId));
    }

    [Fact]
    public async Task Write_IntoAContainerThatDoesNotExistYet_CreatesItOnFirstUse()
    {
        var container = AzuriteFixture.NewContainerName();
        try
        {
            var storage = NewStorage(container);
            var grainId = NewGrainId();
            await storage.WriteStateAsync(StateName, grainId, new TestGrainState<CounterState> { State = new CounterState { Value = 5 } });

            Assert.Equal(5, (await ReadAsync(NewStorage(container), grainId)).State.Value);
        }
        finally
        {
            await azurite.Client.DeleteContainerAsync(container);
        }
    }
}
