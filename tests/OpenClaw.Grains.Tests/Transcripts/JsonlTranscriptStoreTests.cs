using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Storage;
using OpenClaw.Grains.Tests.Sessions.Support;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Tests.Transcripts;

/// <summary>
/// JSONL transcripts in OpenClaw's layout: the header line, chained entries, durable appends of whole lines, and
/// recovery from a torn last line (as a kill -9 in the middle of an append leaves it); readers never see half an entry.
/// </summary>
public sealed class JsonlTranscriptStoreTests : IDisposable
{
    private readonly TempStateDirectory _directory = new();
    private readonly JsonlTranscriptStore _store;
    private readonly TranscriptRef _transcript = new("main", Guid.NewGuid().ToString());

    public JsonlTranscriptStoreTests() =>
        _store = new JsonlTranscriptStore(new OpenClawStatePaths(_directory.Path), NullLogger<JsonlTranscriptStore>.Instance);

    public void Dispose() => _directory.Dispose();

    private string FilePath => _directory.TranscriptPath(_transcript.AgentId, _transcript.SessionId);

    private TranscriptHeader Header => new() { Id = _transcript.SessionId, Timestamp = "2026-09-01T10:00:00.000Z", Cwd = "/work" };

    private static TranscriptEntry Message(string id, string? parent, string text) => new()
    {
        Type = TranscriptEntryTypes.Message,
        Id = id,
        ParentId = parent,
        Timestamp = "2026-09-01T10:00:01.000Z",
        Message = ChatMessage.User(text, 1756720801000),
    };

    [Fact]
    public async Task Open_NewTranscript_WritesOpenClawsHeaderLine()
    {
        await _store.OpenAsync(_transcript, Header, CancellationToken.None);

        var line = Assert.Single(await File.ReadAllLinesAsync(FilePath));
        Assert.Equal($"{{\"type\":\"session\",\"version\":4,\"id\":\"{_transcript.SessionId}\",\"timestamp\":\"2026-09-01T10:00:00.000Z\",\"cwd\":\"/work\"}}", line);
        Assert.Equal(Path.Combine(_directory.Path, "agents", "main", "sessions", _transcript.SessionId + ".jsonl"), _store.Locate(_transcript));
    }

    [Fact]
    public async Task Append_ThenRead_RoundTripsEntriesInOpenClawsShape()
    {
        await _store.OpenAsync(_transcript, Header, CancellationToken.None);
        await _store.AppendAsync(_transcript, [Message("a1", null, "hi"), Message("a2", "a1", "again")], CancellationToken.None);

        var lines = await File.ReadAllLinesAsync(FilePath);
        Assert.Equal(
            "{\"type\":\"message\",\"id\":\"a1\",\"parentId\":null,\"timestamp\":\"2026-09-01T10:00:01.000Z\",\"message\":{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}],\"timestamp\":1756720801000}}",
            lines[1]);
        var content = await _store.ReadAsync(_transcript, CancellationToken.None);
        Assert.Equal(_transcript.SessionId, content.Header!.Id);
        Assert.Equal(["hi", "again"], content.Entries.Select(e => e.Message!.Text()));
        Assert.Equal("a1", content.Entries[1].ParentId);
    }

    [Fact]
    public async Task Open_AfterATornAppend_CutsTheHalfLineAway()
    {
        await _store.OpenAsync(_transcript, Header, CancellationToken.None);
        await _store.AppendAsync(_transcript, [Message("a1", null, "kept")], CancellationToken.None);
        var whole = await File.ReadAllTextAsync(FilePath);
        await File.AppendAllTextAsync(FilePath, "{\"type\":\"message\",\"id\":\"a2\",\"parentId\":\"a1\",\"timest");

        var beforeRepair = await _store.ReadAsync(_transcript, CancellationToken.None);
        var opened = await _store.OpenAsync(_transcript, Header, CancellationToken.None);

        Assert.Equal(["kept"], beforeRepair.Entries.Select(e => e.Message!.Text()));
        Assert.Equal("a1", opened.LastEntryId);
        Assert.Equal(whole, await File.ReadAllTextAsync(FilePath));
        await _store.AppendAsync(_transcript, [Message("a3", "a1", "after")], CancellationToken.None);
        var after = await _store.ReadAsync(_transcript, CancellationToken.None);
        Assert.Equal(["kept", "after"], after.Entries.Select(e => e.Message!.Text()));
    }

    [Fact]
    public async Task Open_WhenTheLastLineIsTerminatedButNotJson_CutsIt()
    {
        await _store.OpenAsync(_transcript, Header, CancellationToken.None);
        await _store.AppendAsync(_transcript, [Message("a1", null, "kept")], CancellationToken.None);
        var whole = await File.ReadAllBytesAsync(FilePath);
        await File.AppendAllTextAsync(FilePath, "{\"type\":\"mess\n", Encoding.UTF8);

        await _store.OpenAsync(_transcript, Header, CancellationToken.None);

        Assert.Equal(whole, await File.ReadAllBytesAsync(FilePath));
    }

    [Fact]
    public async Task Archive_RenamesTheFileWithASuffixAndTime()
    {
        await _store.OpenAsync(_transcript, Header, CancellationToken.None);

        var archived = await _store.ArchiveAsync(_transcript, "deleted", new DateTimeOffset(2026, 9, 1, 10, 0, 0, TimeSpan.Zero), CancellationToken.None);

        Assert.Equal(FilePath + ".deleted.2026-09-01T10-00-00.000Z", archived);
        Assert.True(File.Exists(archived));
        Assert.False(File.Exists(FilePath));
        Assert.Same(TranscriptContent.Empty, await _store.ReadAsync(_transcript, CancellationToken.None));
    }

    [Fact]
    public async Task Append_WithoutOpen_Fails()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.AppendAsync(_transcript, [Message("a", null, "x")], CancellationToken.None));
    }
}
