using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Transcripts;
using OpenClaw.Silo.Cluster.Storage;

namespace OpenClaw.Actors.AzureBlob.Tests.Transcripts;

/// <summary>Two clusters (and the default one) sharing a storage account and container keep separate transcripts.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobTranscriptClusterIdTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _container = AzuriteFixture.NewContainerName();
    private readonly TranscriptRef _transcript = new("main", Guid.NewGuid().ToString("N"));
    private readonly TranscriptHeader _header = new() { Id = "s1", Timestamp = "2026-11-22T08:00:00.000Z", Cwd = "/work" };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => azurite.Client.DeleteContainerAsync(_container);

    private BlobTranscriptStore NewStore(string? clusterId)
        => new(azurite.Client, _container, NullLogger<BlobTranscriptStore>.Instance, new BlobTranscriptStoreOptions { ClusterId = clusterId });

    private static TranscriptEntry Message(string text) => new()
    {
        Type = TranscriptEntryTypes.Message,
        Id = Guid.NewGuid().ToString(),
        Timestamp = "2026-11-22T08:00:01.000Z",
        Message = ChatMessage.User(text, 1_795_000_000_000),
    };

    [Fact]
    public async Task SameSession_InTwoClustersAndTheDefault_AreThreeTranscripts()
    {
        var blue = NewStore("blue");
        var green = NewStore("green");
        var standard = NewStore(null);
        foreach (var (store, text) in new[] { (blue, "blue"), (green, "green"), (standard, "default") })
        {
            await store.OpenAsync(_transcript, _header, default);
            await store.AppendAsync(_transcript, [Message(text)], default);
        }

        Assert.Equal(["blue"], (await blue.ReadAsync(_transcript, default)).Entries.Select(e => e.Message!.Text()));
        Assert.Equal(["green"], (await green.ReadAsync(_transcript, default)).Entries.Select(e => e.Message!.Text()));
        Assert.Equal(["default"], (await standard.ReadAsync(_transcript, default)).Entries.Select(e => e.Message!.Text()));
        var name = $"agents/main/sessions/{_transcript.SessionId}.jsonl";
        Assert.Equal($"{AzuriteFixture.BlobEndpoint}{_container}/blue/{name}", blue.Locate(_transcript));
        Assert.Equal($"{AzuriteFixture.BlobEndpoint}{_container}/{name}", standard.Locate(_transcript));
        Assert.True(await blue.DeleteAsync(_transcript, default));
        Assert.Equal(["green"], (await green.ReadAsync(_transcript, default)).Entries.Select(e => e.Message!.Text()));
        Assert.Equal(["default"], (await standard.ReadAsync(_transcript, default)).Entries.Select(e => e.Message!.Text()));
    }
}
