using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Storage;
using OpenClaw.Grains.Transcripts;
using OpenClaw.Silo.Cluster.Storage;

namespace OpenClaw.Actors.AzureBlob.Tests.Transcripts;

/// <summary>
/// Transcripts as append blobs on Azurite: the bytes and names of OpenClaw's JSONL files, one silo's store per
/// <see cref="BlobTranscriptStore"/> instance, a stale writer that cannot interleave, appends whose answer is lost.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobTranscriptStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _container = AzuriteFixture.NewContainerName();
    private readonly TranscriptRef _transcript = new("main", Guid.NewGuid().ToString("N"));
    private readonly TranscriptHeader _header = new() { Id = "s1", Timestamp = "2026-11-22T08:00:00.000Z", Cwd = "/work" };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => azurite.Client.DeleteContainerAsync(_container);

    private BlobTranscriptStore NewStore(BlobRestClient? client = null, int trackedTranscripts = BlobTranscriptStoreOptions.DefaultTrackedTranscripts)
        => new(client ?? azurite.Client, _container, NullLogger<BlobTranscriptStore>.Instance,
            new BlobTranscriptStoreOptions { TrackedTranscripts = trackedTranscripts });

    private string BlobName => $"agents/main/sessions/{_transcript.SessionId}.jsonl";

    private async Task<byte[]> BlobBytesAsync(string? blob = null)
        => (await azurite.Client.DownloadAsync(_container, blob ?? BlobName))!.Content;

    private static TranscriptEntry Message(string text, string? parentId = null) => new()
    {
        Type = TranscriptEntryTypes.Message,
        Id = Guid.NewGuid().ToString(),
        ParentId = parentId,
        Timestamp = "2026-11-22T08:00:01.000Z",
        Message = ChatMessage.User(text, 1_795_000_000_000),
    };

    private static IEnumerable<string?> Texts(TranscriptContent content) => content.Entries.Select(e => e.Message?.Text());

    [Fact]
    public async Task OpenAndAppend_WriteTheBytesOfTheJsonlFile_AtOpenClawsLayoutName()
    {
        var entries = new[] { Message("one"), Message("two") };
        var stateDirectory = Directory.CreateTempSubdirectory("blob-transcripts-").FullName;
        try
        {
            var files = new JsonlTranscriptStore(new OpenClawStatePaths(stateDirectory), NullLogger<JsonlTranscriptStore>.Instance);
            await files.OpenAsync(_transcript, _header, default);
            await files.AppendAsync(_transcript, entries, default);
            var blobs = NewStore();
            await blobs.OpenAsync(_transcript, _header, default);
            await blobs.AppendAsync(_transcript, entries, default);

            Assert.Equal(await File.ReadAllBytesAsync(files.Locate(_transcript)), await BlobBytesAsync());
            Assert.Equal($"{AzuriteFixture.BlobEndpoint}{_container}/{BlobName}", blobs.Locate(_transcript));
            var read = await blobs.ReadAsync(_transcript, default);
            Assert.Equal(_header, read.Header);
            Assert.Equal(["one", "two"], Texts(read));
        }
        finally
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task StaleWriter_AfterAnotherSiloOpenedAndAppended_FailsWithoutInterleaving()
    {
        var siloA = NewStore();
        var siloB = NewStore();
        await siloA.OpenAsync(_transcript, _header, default);
        await siloA.AppendAsync(_transcript, [Message("a1")], default);

        // Failover: the session reactivates on silo B, which opens the transcript and writes.
        var taken = await siloB.OpenAsync(_transcript, _header, default);
        await siloB.AppendAsync(_transcript, [Message("b1")], default);
        var staleAppend = await Assert.ThrowsAsync<InconsistentStateException>(() => siloA.AppendAsync(_transcript, [Message("a2")], default));
        await siloB.AppendAsync(_transcript, [Message("b2")], default);

        Assert.Equal(["a1"], Texts(taken));
        Assert.Contains("another writer", staleAppend.Message);
        Assert.Equal(["a1", "b1", "b2"], Texts(await siloA.ReadAsync(_transcript, default)));
        // The stale store must open again; the next append of a forgotten transcript is refused, not guessed.
        await Assert.ThrowsAsync<InconsistentStateException>(() => siloA.AppendAsync(_transcript, [Message("a3")], default));
    }

    [Fact]
    public async Task Reopen_OnTheOldSilo_ContinuesAfterTheOtherSilosEntries()
    {
        var siloA = NewStore();
        var siloB = NewStore();
        await siloA.OpenAsync(_transcript, _header, default);
        await siloB.OpenAsync(_transcript, _header, default);
        await siloB.AppendAsync(_transcript, [Message("b1")], default);

        var reopened = await siloA.OpenAsync(_transcript, _header, default);
        await siloA.AppendAsync(_transcript, [Message("a1")], default);

        Assert.Equal(["b1"], Texts(reopened));
        Assert.Equal(["b1", "a1"], Texts(await siloB.ReadAsync(_transcript, default)));
        Assert.Equal(1, Encoding.UTF8.GetString(await BlobBytesAsync()).Split('\n').Count(line => line.Contains("\"type\":\"session\"")));
    }

    [Fact]
    public async Task Append_WithoutOpen_IsRefused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => NewStore().AppendAsync(_transcript, [Message("x")], default));

        Assert.Contains("open it before appending", error.Message);
    }

    [Fact]
    public async Task Archive_MovesTheTranscriptAside_AndAWriterStillHoldingItFails()
    {
        var siloA = NewStore();
        var siloB = NewStore();
        await siloA.OpenAsync(_transcript, _header, default);
        await siloA.AppendAsync(_transcript, [Message("kept")], default);
        await siloB.OpenAsync(_transcript, _header, default);
        var bytes = await BlobBytesAsync();

        var archived = await siloA.ArchiveAsync(_transcript, "reset", DateTimeOffset.Parse("2026-11-22T08:30:00Z"), default);

        Assert.Equal($"{AzuriteFixture.BlobEndpoint}{_container}/{BlobName}.reset.2026-11-22T08-30-00.000Z", archived);
        Assert.Equal(bytes, await BlobBytesAsync($"{BlobName}.reset.2026-11-22T08-30-00.000Z"));
        Assert.Null(await azurite.Client.GetPropertiesAsync(_container, BlobName));
        Assert.Equal(TranscriptContent.Empty, await siloA.ReadAsync(_transcript, default));
        await Assert.ThrowsAsync<InconsistentStateException>(() => siloB.AppendAsync(_transcript, [Message("late")], default));
        Assert.Null(await siloA.ArchiveAsync(_transcript, "reset", DateTimeOffset.UtcNow, default));
    }

    [Fact]
    public async Task Delete_RemovesTheTranscript_OnceOnly()
    {
        var store = NewStore();
        await store.OpenAsync(_transcript, _header, default);

        Assert.True(await store.DeleteAsync(_transcript, default));
        Assert.False(await store.DeleteAsync(_transcript, default));
        Assert.Equal(TranscriptContent.Empty, await store.ReadAsync(_transcript, default));
    }

    [Fact]
    public async Task Open_ATranscriptWithATornLastLine_ClosesItAndReadersSkipIt()
    {
        // A torn tail cannot come from this store (a block is all or nothing), only from a file moved in.
        var headerLine = "{\"type\":\"session\",\"version\":4,\"id\":\"s1\",\"timestamp\":\"2026-11-22T08:00:00.000Z\",\"cwd\":\"/work\"}\n";
        await azurite.Client.CreateContainerAsync(_container);
        await azurite.Client.CreateAppendBlobAsync(_container, BlobName);
        await azurite.Client.AppendBlockAsync(_container, BlobName, Encoding.UTF8.GetBytes(headerLine + "{\"type\":\"message\",\"id\":\"to"));
        var store = NewStore();

        var opened = await store.OpenAsync(_transcript, _header, default);
        await store.AppendAsync(_transcript, [Message("after")], default);

        Assert.Equal("s1", opened.Header!.Id);
        Assert.Empty(opened.Entries);
        var text = Encoding.UTF8.GetString(await BlobBytesAsync());
        Assert.StartsWith(headerLine + "{\"type\":\"message\",\"id\":\"to\n{", text);
        Assert.Equal(["after"], Texts(await store.ReadAsync(_transcript, default)));
    }

    [Fact]
    public async Task Append_ABatchLargerThanOneBlock_IsSplitAtLineBoundaries_AndAnOversizedEntryIsRefused()
    {
        var store = NewStore();
        await store.OpenAsync(_transcript, _header, default);
        var big = new string('x', 1024 * 1024);

        await store.AppendAsync(_transcript, [.. Enumerable.Range(0, 5).Select(i => Message($"{i}{big}"))], default);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.AppendAsync(_transcript, [Message(new string('y', BlobRestClient.MaxAppendBlockBytes))], default));

        Assert.Contains("cannot be appended", error.Message);
        var read = await store.ReadAsync(_transcript, default);
        Assert.Equal(["0", "1", "2", "3", "4"], read.Entries.Select(e => e.Message!.Text()[..1]));
        Assert.Equal(2, (await azurite.Client.GetPropertiesAsync(_container, BlobName))!.CommittedBlockCount - 1);
    }

    [Fact]
    public async Task Append_WhoseAnswerWasLost_IsRecognisedAsWritten_AndNotWrittenTwice()
    {
        using var connection = new FaultyBlobConnection();
        var store = NewStore(connection.Client);
        await store.OpenAsync(_transcript, _header, default);
        connection.Handler.LoseResponse = FaultyHttpHandler.IsAppendBlock;

        await store.AppendAsync(_transcript, [Message("landed")], default);
        connection.Handler.LoseResponse = null;
        await store.AppendAsync(_transcript, [Message("next")], default);

        Assert.Equal(["landed", "next"], Texts(await store.ReadAsync(_transcript, default)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Append_CancelledWithoutAnAnswer_IsSettledByTheNextAppend(bool reachedTheService)
    {
        using var connection = new FaultyBlobConnection();
        var store = NewStore(connection.Client);
        await store.OpenAsync(_transcript, _header, default);
        using var cancel = new CancellationTokenSource();
        Func<HttpRequestMessage, bool> cancelDuringAppend = request =>
        {
            if (!FaultyHttpHandler.IsAppendBlock(request)) return false;
            cancel.Cancel(); // the caller gives up while the request is out
            return true;
        };
        if (reachedTheService) connection.Handler.LoseResponse = cancelDuringAppend;
        else connection.Handler.FailBeforeSending = cancelDuringAppend;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AppendAsync(_transcript, [Message("cut off")], cancel.Token));
        connection.Handler.LoseResponse = connection.Handler.FailBeforeSending = null;
        await store.AppendAsync(_transcript, [Message("next")], default);

        string[] expected = reachedTheService ? ["cut off", "next"] : ["next"];
        Assert.Equal(expected, Texts(await store.ReadAsync(_transcript, default)));
    }

    [Fact]
    public async Task Append_ThatNeverReachedTheService_FailsAndCanBeRetried()
    {
        using var connection = new FaultyBlobConnection();
        var store = NewStore(connection.Client);
        await store.OpenAsync(_transcript, _header, default);
        connection.Handler.FailBeforeSending = FaultyHttpHandler.IsAppendBlock;
        var entry = Message("retried");

        await Assert.ThrowsAsync<HttpRequestException>(() => store.AppendAsync(_transcript, [entry], default));
        connection.Handler.FailBeforeSending = null;
        await store.AppendAsync(_transcript, [entry], default);

        Assert.Equal(["retried"], Texts(await store.ReadAsync(_transcript, default)));
    }

    [Fact]
    public async Task Append_ToATranscriptWhosePointWasEvicted_IsRefusedUntilReopened()
    {
        var store = NewStore(trackedTranscripts: 1);
        var other = new TranscriptRef("main", Guid.NewGuid().ToString("N"));
        await store.OpenAsync(_transcript, _header, default);
        await store.OpenAsync(other, _header, default); // evicts the first transcript's append point

        await Assert.ThrowsAsync<InconsistentStateException>(() => store.AppendAsync(_transcript, [Message("x")], default));
        await store.OpenAsync(_transcript, _header, default);
        await store.AppendAsync(_transcript, [Message("y")], default);

        Assert.Equal(["y"], Texts(await store.ReadAsync(_transcript, default)));
    }
}
