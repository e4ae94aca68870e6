using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Actors.AzureBlob.Client;
using OpenClaw.Actors.AzureBlob.Tests.Support;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Transcripts;
using OpenClaw.Silo.Cluster.Storage;

namespace OpenClaw.Actors.AzureBlob.Tests.Transcripts;

/// <summary>
/// The service's own refusal at its limit of 50,000 blocks per append blob: 409 <c>BlockCountExceedsLimit</c>, which
/// Azurite 3.35 sends too, checked before the append conditions (so a stale writer can get it instead of 412). Filling a
/// real blob takes 50,000 appends, minutes of Azurite CPU on the 2-core machine, so the refusal is answered in the
/// service's place here, exactly as Azurite words it; everything else is the real Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobTranscriptServiceLimitTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _container = AzuriteFixture.NewContainerName();
    private readonly TranscriptRef _transcript = new("main", Guid.NewGuid().ToString("N"));
    private readonly TranscriptHeader _header = new() { Id = "s1", Timestamp = "2026-11-22T08:00:00.000Z", Cwd = "/work" };

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => azurite.Client.DeleteContainerAsync(_container);

    private string BlobName => $"agents/main/sessions/{_transcript.SessionId}.jsonl";

    private BlobTranscriptStore NewStore(BlobRestClient client) => new(client, _container, NullLogger<BlobTranscriptStore>.Instance);

    private static TranscriptEntry Message(string text) => new()
    {
        Type = TranscriptEntryTypes.Message,
        Id = Guid.NewGuid().ToString(),
        Timestamp = "2026-11-22T08:00:01.000Z",
        Message = ChatMessage.User(text, 1_795_000_000_000),
    };

    /// <summary>The next append block is refused as full, once.</summary>
    private static void RefuseNextAppendAsFull(FaultyHttpHandler handler) => handler.AnswerInstead = request =>
    {
        if (!FaultyHttpHandler.IsAppendBlock(request)) return null;
        handler.AnswerInstead = null;
        var refusal = new HttpResponseMessage(HttpStatusCode.Conflict) { RequestMessage = request };
        refusal.Headers.TryAddWithoutValidation("x-ms-error-code", BlobErrorCodes.BlockCountExceedsLimit);
        return refusal;
    };

    [Fact]
    public async Task ServiceRefusal_ForItsBlockLimit_SealsThePartAndContinuesInTheNext()
    {
        using var connection = new FaultyBlobConnection();
        var store = NewStore(connection.Client);
        await store.OpenAsync(_transcript, _header, default);
        await store.AppendAsync(_transcript, [Message("e1")], default);
        RefuseNextAppendAsFull(connection.Handler);

        await store.AppendAsync(_transcript, [Message("e2")], default);

        var part1 = await azurite.Client.GetPropertiesAsync(_container, BlobName);
        Assert.Equal("2", part1!.Metadata["nextpart"]);
        Assert.Equal(2, part1.CommittedBlockCount);
        Assert.Equal(1, (await azurite.Client.GetPropertiesAsync(_container, $"{BlobName}.part-00002"))!.CommittedBlockCount);
        Assert.Equal(["e1", "e2"], (await NewStore(azurite.Client).ReadAsync(_transcript, default)).Entries.Select(e => e.Message!.Text()));
    }

    [Fact]
    public async Task ServiceRefusal_ForItsBlockLimit_OfAStaleWriter_IsAConflict()
    {
        using var connection = new FaultyBlobConnection();
        var stale = NewStore(connection.Client);
        var current = NewStore(azurite.Client);
        await stale.OpenAsync(_transcript, _header, default);
        await current.OpenAsync(_transcript, _header, default);
        await current.AppendAsync(_transcript, [Message("current")], default);
        RefuseNextAppendAsFull(connection.Handler);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => stale.AppendAsync(_transcript, [Message("stale")], default));

        Assert.Contains("another writer appended", error.Message);
        Assert.False((await azurite.Client.GetPropertiesAsync(_container, BlobName))!.Metadata.ContainsKey("nextpart"));
        Assert.Equal(["current"], (await current.ReadAsync(_transcript, default)).Entries.Select(e => e.Message!.Text()));
    }
}
