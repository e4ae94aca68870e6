using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Storage;
using OpenClaw.Grains.Tests.Sessions.Support;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Tests.Transcripts;

/// <summary>
/// The transcript store keeps append handles open between appends: an append must still land at the file's real end
/// after the file was archived, deleted or cut by a repair, and the number of open handles stays bounded.
/// </summary>
public sealed class JsonlTranscriptAppendHandleTests : IDisposable
{
    private readonly TempStateDirectory _directory = new();
    private readonly JsonlTranscriptStore _store;

    public JsonlTranscriptAppendHandleTests() =>
        _store = new JsonlTranscriptStore(new OpenClawStatePaths(_directory.Path), NullLogger<JsonlTranscriptStore>.Instance);

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    private static TranscriptRef NewRef() => new("main", Guid.NewGuid().ToString());

    private static TranscriptHeader HeaderOf(TranscriptRef transcript) =>
        new() { Id = transcript.SessionId, Timestamp = "2026-09-01T10:00:00.000Z", Cwd = "/work" };

    private static TranscriptEntry Message(string id, string text) => new()
    {
        Type = TranscriptEntryTypes.Message,
        Id = id,
        Timestamp = "2026-09-01T10:00:01.000Z",
        Message = ChatMessage.User(text, 1756720801000),
    };

    private async Task<IReadOnlyList<string>> TextsAsync(TranscriptRef transcript) =>
        [.. (await _store.ReadAsync(transcript, CancellationToken.None)).Entries.Select(e => e.Message!.Text())];

    /// <summary>Descriptors of this process that point into the test's state directory.</summary>
    private int OpenDescriptorsUnderStateDirectory() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd => fd.LinkTarget is { } target && target.StartsWith(_directory.Path, StringComparison.Ordinal));

    [Fact]
    public async Task Append_AfterArchiveAndReopen_WritesToTheNewFileNotTheArchivedOne()
    {
        var transcript = NewRef();
        await _store.OpenAsync(transcript, HeaderOf(transcript), CancellationToken.None);
        await _store.AppendAsync(transcript, [Message("a1", "before")], CancellationToken.None);

        var archived = await _store.ArchiveAsync(transcript, "reset", DateTimeOffset.UnixEpoch, CancellationToken.None);
        await _store.OpenAsync(transcript, HeaderOf(transcript), CancellationToken.None);
        await _store.AppendAsync(transcript, [Message("a2", "after")], CancellationToken.None);

        Assert.Equal(["after"], await TextsAsync(transcript));
        var archivedLines = await File.ReadAllLinesAsync(archived!);
        Assert.Equal(2, archivedLines.Length);
        Assert.Contains("before", archivedLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Append_AfterDelete_FailsInsteadOfWritingIntoTheRemovedFile()
    {
        var transcript = NewRef();
        await _store.OpenAsync(transcript, HeaderOf(transcript), CancellationToken.None);
        await _store.AppendAsync(transcript, [Message("a1", "kept open")], CancellationToken.None);

        Assert.True(await _store.DeleteAsync(transcript, CancellationToken.None));

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _store.AppendAsync(transcript, [Message("a2", "lost?")], CancellationToken.None));
        Assert.False(File.Exists(_store.Locate(transcript)));
    }

    [Fact]
    public async Task Append_AfterAReopenCutATornTail_ContinuesAtTheFilesRealEnd()
    {
        var transcript = NewRef();
        await _store.OpenAsync(transcript, HeaderOf(transcript), CancellationToken.None);
        await _store.AppendAsync(transcript, [Message("a1", "one")], CancellationToken.None);
        // What a kill -9 in the middle of an append leaves, written behind the store's open handle.
        await File.AppendAllTextAsync(_store.Locate(transcript), "{\"type\":\"message\",\"id\":\"a2\",\"mess", Encoding.UTF8);

        await _store.OpenAsync(transcript, HeaderOf(transcript), CancellationToken.None);
        await _store.AppendAsync(transcript, [Message("a3", "three")], CancellationToken.None);

        Assert.Equal(["one", "three"], await TextsAsync(transcript));
        Assert.All(await File.ReadAllLinesAsync(_store.Locate(transcript)), line => Assert.EndsWith("}", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Append_MoreTranscriptsThanTheHandleBound_EveryAppendLandsAndOpenHandlesStayBounded()
    {
        var transcripts = Enumerable.Range(0, TranscriptAppendHandlesCapacity + 44).Select(_ => NewRef()).ToList();
        foreach (var transcript in transcripts)
            await _store.OpenAsync(transcript, HeaderOf(transcript), CancellationToken.None);

        for (var round = 0; round < 2; round++)
        {
            foreach (var transcript in transcripts)
                await _store.AppendAsync(transcript, [Message($"r{round}", $"round {round}")], CancellationToken.None);
        }

        foreach (var transcript in transcripts)
            Assert.Equal(["round 0", "round 1"], await TextsAsync(transcript));
        Assert.InRange(OpenDescriptorsUnderStateDirectory(), 1, TranscriptAppendHandlesCapacity);
    }

    [Fact]
    public async Task Dispose_ClosesEveryKeptHandle()
    {
        var transcript = NewRef();
        await _store.OpenAsync(transcript, HeaderOf(transcript), CancellationToken.None);
        await _store.AppendAsync(transcript, [Message("a1", "one")], CancellationToken.None);
        Assert.Equal(1, OpenDescriptorsUnderStateDirectory());

        _store.Dispose();

        Assert.Equal(0, OpenDescriptorsUnderStateDirectory());
    }

    /// <summary>The store's bound (internal to the grains assembly), restated: a change there must be seen here.</summary>
    private const int TranscriptAppendHandlesCapacity = 256;
}
