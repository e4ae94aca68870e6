using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Transcripts;
using OpenClaw.Silo.Cluster.Storage;

namespace OpenClaw.Actors.AzureBlob.Tests.Transcripts;

/// <summary>
/// A transcript longer than one append blob takes (50,000 blocks; here a small configured limit): it continues in
/// numbered parts, readers concatenate them, and the fencing of a single blob still holds across a rollover.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobTranscriptRolloverTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int BlocksPerPart = 3;

    private readonly string _container = AzuriteFixture.NewContainerName();
    private readonly TranscriptRef _transcript = new("main", Guid.NewGuid().ToString("N"));
    private readonly TranscriptHeader _header = new() { Id = "s1", Timestamp = "2026-11-22T08:00:00.000Z", Cwd = "/work" };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => azurite.Client.DeleteContainerAsync(_container);

    private BlobTranscriptStore NewStore(BlobRestClient? client = null, long maxPartBytes = BlobTranscriptStoreOptions.DefaultMaxPartBytes)
        => new(client ?? azurite.Client, _container, NullLogger<BlobTranscriptStore>.Instance,
            new BlobTranscriptStoreOptions { MaxBlocksPerPart = BlocksPerPart, MaxPartBytes = maxPartBytes });

    private string BlobName => $"agents/main/sessions/{_transcript.SessionId}.jsonl";

    private string PartName(int part) => part == 1 ? BlobName : $"{BlobName}.part-{part:D5}";

    private Task<BlobProperties?> PropertiesAsync(string blob) => azurite.Client.GetPropertiesAsync(_container, blob);

    private static TranscriptEntry Message(string text) => new()
    {
        Type = TranscriptEntryTypes.Message,
        Id = Guid.NewGuid().ToString(),
        Timestamp = "2026-11-22T08:00:01.000Z",
        Message = ChatMessage.User(text, 1_795_000_000_000),
    };

    private static IEnumerable<string?> Texts(TranscriptContent content) => content.Entries.Select(e => e.Message?.Text());

    private async Task AppendEachAsync(BlobTranscriptStore store, params string[] texts)
    {
        foreach (var text in texts) await store.AppendAsync(_transcript, [Message(text)], default);
    }

    [Fact]
    public async Task Append_PastTheBlockLimit_ContinuesInNumberedParts_AndEveryReaderSeesOneTranscript()
    {
        var store = NewStore();
        await store.OpenAsync(_transcript, _header, default); // the header is part 1's first block

        await AppendEachAsync(store, "e1", "e2", "e3", "e4", "e5", "e6", "e7");

        Assert.Equal(3, (await PropertiesAsync(PartName(1)))!.CommittedBlockCount);
        Assert.Equal("2", (await PropertiesAsync(PartName(1)))!.Metadata["nextpart"]);
        Assert.Equal("3", (await PropertiesAsync(PartName(2)))!.Metadata["nextpart"]);
        Assert.Equal(2, (await PropertiesAsync(PartName(3)))!.CommittedBlockCount);
        Assert.Null(await PropertiesAsync(PartName(4)));
        var otherSilo = NewStore();
        var read = await otherSilo.ReadAsync(_transcript, default);
        Assert.Equal(_header, read.Header);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5", "e6", "e7"], Texts(read));
        var reopened = await otherSilo.OpenAsync(_transcript, _header, default);
        await AppendEachAsync(otherSilo, "e8", "e9");
        Assert.Equal(7, reopened.Entries.Count);
        Assert.Equal(["e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"], Texts(await store.ReadAsync(_transcript, default)));
        Assert.NotNull(await PropertiesAsync(PartName(4)));
    }

    [Fact]
    public async Task Append_ThatWouldCrossTheByteLimit_StartsANewPart()
    {
        var store = NewStore(maxPartBytes: 400);
        await store.OpenAsync(_transcript, _header, default);
        var filler = new string('x', 150);

        await store.AppendAsync(_transcript, [Message("a" + filler)], default);
        await store.AppendAsync(_transcript, [Message("b" + filler)], default);

        Assert.True((await PropertiesAsync(PartName(1)))!.ContentLength <= 400);
        Assert.NotNull(await PropertiesAsync(PartName(2)));
        Assert.Equal(["a", "b"], (await store.ReadAsync(_transcript, default)).Entries.Select(e => e.Message!.Text()[..1]));
    }

    [Fact]
    public async Task StaleWriter_AfterTheNewOwnerRolledOver_IsRejected()
    {
        var siloA = NewStore();
        var siloB = NewStore();
        await siloA.OpenAsync(_transcript, _header, default);
        await AppendEachAsync(siloA, "a1");

        await siloB.OpenAsync(_transcript, _header, default);
        await AppendEachAsync(siloB, "b1", "b2"); // b2 starts part 2
        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => siloA.AppendAsync(_transcript, [Message("a2")], default));

        Assert.Contains("another writer", stale.Message);
        Assert.Equal(["a1", "b1", "b2"], Texts(await siloB.ReadAsync(_transcript, default)));
        await AppendEachAsync(siloB, "b3");
        Assert.Equal(["a1", "b1", "b2", "b3"], Texts(await siloA.ReadAsync(_transcript, default)));
    }

    [Fact]
    public async Task TwoWriters_WhoSawTheSameFullPart_OnlyTheFirstToAppendContinues()
    {
        var siloA = NewStore();
        var siloB = NewStore();
        await siloA.OpenAsync(_transcript, _header, default);
        await AppendEachAsync(siloA, "a1", "a2"); // part 1 is full, not sealed yet
        await siloB.OpenAsync(_transcript, _header, default);

        await AppendEachAsync(siloA, "a3"); // seals part 1, continues in part 2
        var late = await Assert.ThrowsAsync<InconsistentStateException>(() => siloB.AppendAsync(_transcript, [Message("b1")], default));

        Assert.Contains("continued the transcript", late.Message);
        Assert.Equal(["a1", "a2", "a3"], Texts(await siloA.ReadAsync(_transcript, default)));
    }

    [Fact]
    public async Task Rollover_WhoseSealGotNoAnswer_CarriesOnInTheNextPart()
    {
        using var connection = new FaultyBlobConnection();
        var store = NewStore(connection.Client);
        await store.OpenAsync(_transcript, _header, default);
        await AppendEachAsync(store, "e1", "e2");
        connection.Handler.LoseResponse = request => request.RequestUri!.Query.Contains("comp=metadata", StringComparison.Ordinal);

        await AppendEachAsync(store, "e3");
        connection.Handler.LoseResponse = null;
        await AppendEachAsync(store, "e4");

        Assert.Equal(["e1", "e2", "e3", "e4"], Texts(await store.ReadAsync(_transcript, default)));
        Assert.Equal(2, (await PropertiesAsync(PartName(2)))!.CommittedBlockCount);
    }

    [Fact]
    public async Task Rollover_WhoseCreateGotNoAnswer_TakesTheEmptyPartOver()
    {
        using var connection = new FaultyBlobConnection();
        var store = NewStore(connection.Client);
        await store.OpenAsync(_transcript, _header, default);
        await AppendEachAsync(store, "e1", "e2");
        connection.Handler.LoseResponse = request => request.Method == HttpMethod.Put && request.RequestUri!.Query.Length == 0
            && request.RequestUri.AbsolutePath.EndsWith(".part-00002", StringComparison.Ordinal);

        await AppendEachAsync(store, "e3");
        connection.Handler.LoseResponse = null;

        Assert.Equal(["e1", "e2", "e3"], Texts(await store.ReadAsync(_transcript, default)));
    }

    [Fact]
    public async Task Open_AfterARolloverThatStoppedAfterSealing_ContinuesInTheNextPart()
    {
        var headerLine = "{\"type\":\"session\",\"version\":4,\"id\":\"s1\",\"timestamp\":\"2026-11-22T08:00:00.000Z\",\"cwd\":\"/work\"}\n";
        await azurite.Client.CreateContainerAsync(_container);
        await azurite.Client.CreateAppendBlobAsync(_container, BlobName);
        var appended = await azurite.Client.AppendBlockAsync(_container, BlobName, Encoding.UTF8.GetBytes(headerLine));
        await azurite.Client.SetMetadataAsync(_container, BlobName, new Dictionary<string, string> { ["nextpart"] = "2" }, BlobConditions.Matching(appended.ETag));
        var store = NewStore();

        var opened = await store.OpenAsync(_transcript, _header, default);
        await AppendEachAsync(store, "after");

        Assert.Equal("s1", opened.Header!.Id);
        Assert.Equal(1, (await PropertiesAsync(PartName(2)))!.CommittedBlockCount);
        Assert.Equal(["after"], Texts(await NewStore().ReadAsync(_transcript, default)));
    }

    [Fact]
    public async Task Archive_OfSeveralParts_CopiesThemInOrderIntoOneBlob_AndAWriterHoldingThemFails()
    {
        var siloA = NewStore();
        var siloB = NewStore();
        await siloA.OpenAsync(_transcript, _header, default);
        await AppendEachAsync(siloA, "e1", "e2", "e3", "e4");
        await siloB.OpenAsync(_transcript, _header, default);

        var archived = await siloA.ArchiveAsync(_transcript, "reset", DateTimeOffset.Parse("2026-11-22T08:30:00Z"), default);

        var archiveName = $"{BlobName}.reset.2026-11-22T08-30-00.000Z";
        Assert.Equal($"{AzuriteFixture.BlobEndpoint}{_container}/{archiveName}", archived);
        var lines = Encoding.UTF8.GetString((await azurite.Client.DownloadAsync(_container, archiveName))!.Content).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Contains("\"session\"", lines[0]);
        Assert.Null(await PropertiesAsync(PartName(1)));
        Assert.Null(await PropertiesAsync(PartName(2)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => siloB.AppendAsync(_transcript, [Message("late")], default));
        Assert.Equal(TranscriptContent.Empty, await siloA.ReadAsync(_transcript, default));
    }

    [Fact]
    public async Task Archive_OfSeveralParts_WhileTheWriterAppends_LeavesEveryPartInPlace()
    {
        var writer = NewStore();
        await writer.OpenAsync(_transcript, _header, default);
        await AppendEachAsync(writer, "e1", "e2", "e3"); // part 1: header, e1, e2; part 2: e3
        using var connection = new FaultyBlobConnection();
        var archiver = NewStore(connection.Client);
        // The writer appends after the archiver read the parts, just before it marks them.
        connection.Handler.BeforeSending = async (request, cancellationToken) =>
        {
            if (!request.RequestUri!.Query.Contains("comp=metadata", StringComparison.Ordinal)) return;
            connection.Handler.BeforeSending = null;
            await writer.AppendAsync(_transcript, [Message("e4")], cancellationToken);
        };

        var error = await Assert.ThrowsAsync<InconsistentStateException>(
            () => archiver.ArchiveAsync(_transcript, "reset", DateTimeOffset.Parse("2026-11-22T08:30:00Z"), default));

        Assert.Contains("left in place", error.Message);
        Assert.Null(await PropertiesAsync($"{BlobName}.reset.2026-11-22T08-30-00.000Z"));
        Assert.False((await PropertiesAsync(PartName(1)))!.Metadata.ContainsKey("archiving"));
        Assert.False((await PropertiesAsync(PartName(2)))!.Metadata.ContainsKey("archiving"));
        await AppendEachAsync(writer, "e5");
        Assert.Equal(["e1", "e2", "e3", "e4", "e5"], Texts(await NewStore().ReadAsync(_transcript, default)));
    }

    [Fact]
    public async Task Delete_RemovesEveryPart()
    {
        var store = NewStore();
        await store.OpenAsync(_transcript, _header, default);
        await AppendEachAsync(store, "e1", "e2", "e3", "e4", "e5");

        Assert.True(await store.DeleteAsync(_transcript, default));

        Assert.Null(await PropertiesAsync(PartName(1)));
        Assert.Null(await PropertiesAsync(PartName(2)));
        Assert.Null(await PropertiesAsync(PartName(3)));
        Assert.False(await store.DeleteAsync(_transcript, default));
    }
}
