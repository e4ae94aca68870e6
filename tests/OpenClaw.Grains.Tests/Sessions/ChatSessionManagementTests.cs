using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Tests.Sessions.Support;

namespace OpenClaw.Grains.Tests.Sessions;

/// <summary>
/// The session's other operations: history paging from the newest message, inject, preview, patch, reset (new
/// sessionId, <c>reset</c> entry in the old transcript) and delete (expectedSessionId check, archived transcript),
/// each keeping the agent's session index and the sessions.changed events current.
/// </summary>
public sealed class ChatSessionManagementTests : IAsyncLifetime
{
    private readonly TempStateDirectory _directory = new();
    private readonly ScriptedModelRouter _model = new();
    private SessionSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await SessionSilo.StartAsync(_directory.Path, _model);

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        _directory.Dispose();
    }

    private static string NewKey() => $"agent:main:manage-{Guid.NewGuid():N}";

    private ISessionIndexGrain Index => _silo.Grains.GetGrain<ISessionIndexGrain>("main");

    private async Task<IChatSessionGrain> SessionWithExchangesAsync(string key, int exchanges, SessionEventLog log)
    {
        var session = _silo.Session(key);
        for (var i = 1; i <= exchanges; i++)
        {
            await session.SendAsync(new SendMessage { Text = $"m{i}", IdempotencyKey = $"{key}-{i}" });
            await log.WaitForCompletionAsync($"{key}-{i}");
        }

        return session;
    }

    [Fact]
    public async Task History_PagesFromTheNewestMessage()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = await SessionWithExchangesAsync(key, 3, log);

        var newest = await session.GetHistoryAsync(new HistoryQuery(Limit: 2));
        var older = await session.GetHistoryAsync(new HistoryQuery(Limit: 2, Offset: newest.NextOffset!.Value));
        var oldest = await session.GetHistoryAsync(new HistoryQuery(Limit: 2, Offset: older.NextOffset!.Value));
        var cut = await session.GetHistoryAsync(new HistoryQuery(Limit: 1, MaxChars: 4));

        Assert.Equal(["m3", "echo: m3"], newest.Messages.Select(m => m.Message.Text()));
        Assert.Equal((6, true, 2), (newest.TotalMessages, newest.HasMore, newest.NextOffset));
        Assert.Equal([5L, 6L], newest.Messages.Select(m => m.Seq));
        Assert.Equal(["m2", "echo: m2"], older.Messages.Select(m => m.Message.Text()));
        Assert.Equal(["m1", "echo: m1"], oldest.Messages.Select(m => m.Message.Text()));
        Assert.Equal((false, (int?)null), (oldest.HasMore, oldest.NextOffset));
        Assert.Equal("echo", cut.Messages[0].Message.Text());
    }

    [Fact]
    public async Task History_OfAnUnusedSession_IsEmpty()
    {
        var page = await _silo.Session(NewKey()).GetHistoryAsync(new HistoryQuery());
        Assert.Empty(page.Messages);
        Assert.Null(await _silo.Session(NewKey()).GetEntryAsync());
        Assert.Equal("missing", (await _silo.Session(NewKey()).PreviewAsync(5, 100)).Status);
    }

    [Fact]
    public async Task Inject_AppendsAnAssistantNote_WithoutARun()
    {
        var key = NewKey();
        var session = _silo.Session(key);

        var id = await session.InjectAsync("remember the milk", "note");

        var message = Assert.Single((await session.GetHistoryAsync(new HistoryQuery())).Messages);
        Assert.Equal((id, "assistant", "gateway-injected"), (message.Id, message.Message.Role, message.Message.Model));
        Assert.Equal("[note]\n\nremember the milk", message.Message.Text());
        Assert.Equal(0, _model.Calls);
        var preview = await session.PreviewAsync(5, 6);
        Assert.Equal("ok", preview.Status);
        Assert.Equal(new PreviewItem("assistant", "[note]"), Assert.Single(preview.Items));
    }

    [Fact]
    public async Task Patch_SetsAndClearsSettings_AndUpdatesTheIndex()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = _silo.Session(key);

        var patched = await session.PatchAsync(new SessionPatch
        {
            Label = new PatchValue<string>("work"),
            Model = new PatchValue<string>("openai/gpt-x"),
            Pinned = new PatchValue<bool>(true),
        });
        var cleared = await session.PatchAsync(new SessionPatch { Label = new PatchValue<string>(null) });

        Assert.Equal(("work", "gpt-x", "openai", true), (patched.Label, patched.ModelOverride, patched.ProviderOverride, patched.Pinned));
        Assert.Null(cleared.Label);
        Assert.True(cleared.Pinned);
        var entry = Assert.Single((await Index.ListAsync(new SessionListQuery(1000))).Sessions, s => s.Key == key);
        Assert.Equal((null, "gpt-x"), (entry.Label, entry.ModelOverride));
        await log.WaitForAsync(e => e is SessionChangedEvent { Reason: "patch" });
    }

    [Fact]
    public async Task Patch_ModelOverride_IsUsedByTheNextRun()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = _silo.Session(key);
        await session.PatchAsync(new SessionPatch { Model = new PatchValue<string>("stub/other-model") });

        await session.SendAsync(new SendMessage { Text = "hi", IdempotencyKey = "model-override" });
        await log.WaitForCompletionAsync("model-override");

        Assert.Equal("other-model", _model.Requests[^1].Model);
    }

    [Fact]
    public async Task Reset_StartsANewTranscript_AndMarksTheOldOne()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = await SessionWithExchangesAsync(key, 1, log);
        var before = (await session.GetEntryAsync())!;

        var after = await session.ResetAsync("reset");

        Assert.NotEqual(before.SessionId, after.SessionId);
        Assert.Empty((await session.GetHistoryAsync(new HistoryQuery())).Messages);
        Assert.Equal(0, after.TotalTokens);
        var oldLines = await File.ReadAllLinesAsync(_directory.TranscriptPath("main", before.SessionId));
        Assert.Contains("\"type\":\"reset\"", oldLines[^1]);
        var newLines = await File.ReadAllLinesAsync(_directory.TranscriptPath("main", after.SessionId));
        Assert.Contains("\"type\":\"session\"", Assert.Single(newLines));
        var entry = Assert.Single((await Index.ListAsync(new SessionListQuery(1000))).Sessions, s => s.Key == key);
        Assert.Equal(after.SessionId, entry.SessionId);
        await log.WaitForAsync(e => e is SessionChangedEvent { Reason: "reset" });
    }

    [Fact]
    public async Task Delete_ArchivesTheTranscript_AndRemovesTheIndexEntry()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = await SessionWithExchangesAsync(key, 1, log);
        var sessionId = (await session.GetEntryAsync())!.SessionId;

        var mismatch = await Assert.ThrowsAsync<DomainException>(() => session.DeleteAsync(false, "not-the-id"));
        var result = await session.DeleteAsync(false, sessionId);

        Assert.Equal("INVALID_REQUEST", mismatch.Code);
        Assert.True(result.Deleted);
        var archived = Assert.Single(result.Archived);
        Assert.StartsWith(_directory.TranscriptPath("main", sessionId) + ".deleted.", archived);
        Assert.True(File.Exists(archived));
        Assert.False(File.Exists(_directory.TranscriptPath("main", sessionId)));
        Assert.DoesNotContain((await Index.ListAsync(new SessionListQuery(1000))).Sessions, s => s.Key == key);
        Assert.Null(await session.GetEntryAsync());
        Assert.False((await session.DeleteAsync(false, null)).Deleted);
    }

    [Fact]
    public async Task Delete_WithDeleteTranscript_RemovesTheFile()
    {
        var key = NewKey();
        await using var log = await SessionEventLog.SubscribeAsync(_silo.Streams, key);
        var session = await SessionWithExchangesAsync(key, 1, log);
        var sessionId = (await session.GetEntryAsync())!.SessionId;

        var result = await session.DeleteAsync(true, null);

        Assert.Empty(result.Archived);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_directory.TranscriptPath("main", sessionId))!, sessionId + "*"));
    }
}
