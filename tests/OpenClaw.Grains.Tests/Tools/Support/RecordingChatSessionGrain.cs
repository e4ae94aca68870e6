using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Tests.Tools.Support;

/// <summary>
/// A stand-in for the chat session grain, for the sessions_* tool tests: it records sends and serves canned
/// history through a real silo, so the tools are exercised over real grain calls.
/// </summary>
public sealed class RecordingChatSessionGrain(ChatSessionRecorder recorder) : Grain, IChatSessionGrain
{
    private string Key => GetPrimaryKeyString();

    public Task<RunAccepted> SendAsync(SendMessage command, CancellationToken cancellationToken = default)
    {
        if (recorder.Failures.TryGetValue(Key, out var failure)) throw failure;
        recorder.Sent.Enqueue((Key, command));
        return Task.FromResult(new RunAccepted(command.IdempotencyKey, RunStatuses.Started, Key, SessionKeys.AgentIdOf(Key, "main"), "sid-1", 1));
    }

    public Task<HistoryPage> GetHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        var all = recorder.Histories.TryGetValue(Key, out var messages) ? messages : [];
        var page = all.Skip(Math.Max(0, all.Count - query.Limit)).Select((m, i) => new HistoryMessage($"m{i}", i + 1, m)).ToList();
        return Task.FromResult(new HistoryPage { SessionKey = Key, SessionId = "sid-1", Messages = page, TotalMessages = all.Count });
    }

    public Task<RunSnapshot> GetRunAsync(string runId, CancellationToken cancellationToken = default) => throw NotUsed();
    public Task<AbortResult> AbortAsync(string? runId, CancellationToken cancellationToken = default) => throw NotUsed();
    public Task<string> InjectAsync(string text, string? label, CancellationToken cancellationToken = default) => throw NotUsed();
    public Task<SessionEntry?> GetEntryAsync(CancellationToken cancellationToken = default) => throw NotUsed();
    public Task<SessionEntry> PatchAsync(SessionPatch patch, CancellationToken cancellationToken = default) => throw NotUsed();
    public Task<SessionEntry> ResetAsync(string reason, CancellationToken cancellationToken = default) => throw NotUsed();
    public Task<DeleteResult> DeleteAsync(bool deleteTranscript, string? expectedSessionId, CancellationToken cancellationToken = default) => throw NotUsed();
    public Task<CompactResult> CompactAsync(int? maxLines, CancellationToken cancellationToken = default) => throw NotUsed();
    public Task<SessionPreview> PreviewAsync(int limit, int maxChars, CancellationToken cancellationToken = default) => throw NotUsed();

    private static NotSupportedException NotUsed() => new("Not used by the sessions_* tool tests.");

    /// <summary>Keeps the helper for building canned messages next to the grain that serves them.</summary>
    public static ChatMessage Assistant(string text, params string[] toolCalls) => new()
    {
        Role = ChatRoles.Assistant,
        Content = [new TextPart(text), .. toolCalls.Select(n => new ToolCallPart($"call-{n}", n, []))],
    };
}
