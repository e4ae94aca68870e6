using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenClaw.Actors;
using OpenClaw.Actors.Runtime.Catalog;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Sessions;
using OpenClaw.Grains.Storage;
using OpenClaw.Grains.Tests.Sessions.Support;

namespace OpenClaw.Grains.Tests.Sessions;

/// <summary>
/// The session index writes sessions.json behind its upserts: readers of the grain see every upsert at once, a burst
/// of upserts becomes one or a few file writes within <see cref="SessionIndexGrain.FlushDelay"/>, a removal and a
/// deactivation write at once, and rows someone else added to the file meanwhile are kept.
/// </summary>
public sealed class SessionIndexWriteBehindTests : IAsyncLifetime
{
    private readonly TempStateDirectory _directory = new();
    private ServiceProvider _services = null!;
    private IHostedService[] _hosted = [];
    private CountingStorage _storage = null!;

    private ISessionIndexGrain Index => _services.GetRequiredService<IGrainFactory>().GetGrain<ISessionIndexGrain>("main");
    private string StorePath => new OpenClawStatePaths(_directory.Path).SessionStorePath("main");

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddEmbeddedSilo();
        services.AddGrain<ISessionIndexGrain, SessionIndexGrain>();
        services.AddOpenClawGrainServices(_directory.Path, useLayoutFiles: false);
        services.AddKeyedSingleton<IGrainStorage>(OpenClawStorageNames.Layout,
            (sp, _) => _storage = new CountingStorage(new OpenClawLayoutStorage(sp.GetServices<ILayoutPathMapping>())));
        _services = services.BuildServiceProvider();
        _hosted = _services.GetServices<IHostedService>().ToArray();
        foreach (var hosted in _hosted) await hosted.StartAsync(CancellationToken.None).WaitAsync(Wait.Timeout);
    }

    public async Task DisposeAsync()
    {
        foreach (var hosted in _hosted.Reverse()) await hosted.StopAsync(CancellationToken.None).WaitAsync(Wait.Timeout);
        await _services.DisposeAsync();
        _directory.Dispose();
    }

    private static SessionEntry Entry(string key, long updatedAt = 1) =>
        new() { Key = key, SessionId = Guid.NewGuid().ToString(), Kind = "direct", AgentId = "main", UpdatedAt = updatedAt };

    private IReadOnlyCollection<string> KeysInFile() =>
        File.Exists(StorePath) ? JsonNode.Parse(File.ReadAllText(StorePath))!.AsObject().Select(p => p.Key).ToList() : [];

    [Fact]
    public async Task UpsertBurst_IsVisibleAtOnce_AndReachesTheFileInAFewWrites()
    {
        var keys = Enumerable.Range(0, 50).Select(i => $"agent:main:s{i}").ToList();

        foreach (var key in keys) await Index.UpsertAsync(Entry(key));
        var listed = await Index.ListAsync(new SessionListQuery(100));

        Assert.Equal(50, listed.TotalCount);
        await Wait.UntilAsync(() => KeysInFile().Count == 50, "sessions.json to hold every upsert");
        Assert.InRange(_storage.Writes, 1, 3);
        Assert.Equal(keys.Order(), KeysInFile().Order());
    }

    [Fact]
    public async Task Remove_WritesTheFileBeforeItReturns()
    {
        await Index.UpsertAsync(Entry("agent:main:keep"));
        await Index.UpsertAsync(Entry("agent:main:gone"));

        Assert.True(await Index.RemoveAsync("agent:main:gone"));

        Assert.Equal(["agent:main:keep"], KeysInFile());
    }

    [Fact]
    public async Task Deactivation_WritesPendingUpsertsAtOnce()
    {
        await Index.UpsertAsync(Entry("agent:main:a"));
        await Index.UpsertAsync(Entry("agent:main:b"));

        await _services.GetRequiredService<GrainCatalog>()
            .DeactivateAllAsync(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "test"), CancellationToken.None)
            .WaitAsync(Wait.Timeout);

        Assert.Equal(["agent:main:a", "agent:main:b"], KeysInFile().Order());
    }

    [Fact]
    public async Task FileEditedByAnotherWriter_ItsRowsAreKeptAndOursAreAdded()
    {
        await Index.UpsertAsync(Entry("agent:main:ours-1"));
        await Wait.UntilAsync(() => KeysInFile().Count == 1, "the first write");
        var file = JsonNode.Parse(File.ReadAllText(StorePath))!.AsObject();
        file["agent:main:theirs"] = JsonNode.Parse(File.ReadAllText(StorePath))!["agent:main:ours-1"]!.DeepClone();
        await File.WriteAllTextAsync(StorePath, file.ToJsonString());

        await Index.UpsertAsync(Entry("agent:main:ours-2"));

        await Wait.UntilAsync(() => KeysInFile().Count == 3, "the merged write");
        Assert.Equal(["agent:main:ours-1", "agent:main:ours-2", "agent:main:theirs"], KeysInFile().Order());
        await Wait.UntilAsync(async () => (await Index.ListAsync(new SessionListQuery(100))).TotalCount == 3, "the index to hold the merged rows");
    }

    /// <summary>Counts the writes of the storage it wraps.</summary>
    private sealed class CountingStorage(IGrainStorage inner) : IGrainStorage
    {
        private int _writes;

        public int Writes => Volatile.Read(ref _writes);

        public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default) =>
            inner.ReadStateAsync(stateName, grainId, grainState, cancellationToken);

        public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _writes);
            return inner.WriteStateAsync(stateName, grainId, grainState, cancellationToken);
        }

        public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default) =>
            inner.ClearStateAsync(stateName, grainId, grainState, cancellationToken);
    }
}
