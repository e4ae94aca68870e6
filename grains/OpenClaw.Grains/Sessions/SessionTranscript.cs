using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// The session grain's writer of its current transcript: opens it once per activation (which repairs a torn tail),
/// chains entries through <c>parentId</c>, and remembers the idempotency keys of the user messages it holds, so an
/// input started again after a crash is not written twice. It also keeps the entries a run's model context is built
/// from (<see cref="BuildContext"/>), so a run never re-reads and re-parses the file: the file is read once, on open,
/// and every later entry is added here only after its append is durable, so memory never runs ahead of the disk.
/// Used only on the grain's scheduler.
/// </summary>
internal sealed class SessionTranscript(ITranscriptStore store, TimeProvider time)
{
    /// <summary>Keys remembered for duplicate detection; overflow rule: the oldest are forgotten first.</summary>
    private const int MaxRememberedKeys = 1000;

    private readonly Queue<string> _keyOrder = new();
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly ContextWindowEntries _context = new();
    private TranscriptRef? _opened;
    private string? _lastEntryId;

    public TranscriptRef? Current => _opened;

    public async Task OpenAsync(TranscriptRef transcript, string workspace, CancellationToken cancellationToken)
    {
        if (_opened == transcript) return;
        var header = new TranscriptHeader { Id = transcript.SessionId, Timestamp = TranscriptJson.FormatTimestamp(time.GetUtcNow()), Cwd = workspace };
        var content = await store.OpenAsync(transcript, header, cancellationToken);
        _keys.Clear();
        _keyOrder.Clear();
        foreach (var entry in content.Entries)
            if (entry.IdempotencyKey is { } key) Remember(key);
        _context.Reset(content.Entries);
        _lastEntryId = content.LastEntryId;
        _opened = transcript;
    }

    /// <summary>Forgets the open transcript (after a reset or delete moved it away).</summary>
    public void Close()
    {
        _opened = null;
        _lastEntryId = null;
        _context.Reset([]);
        _keys.Clear();
        _keyOrder.Clear();
    }

    public bool Contains(string idempotencyKey) => _keys.Contains(idempotencyKey);

    /// <summary>The model context of the open transcript (what <see cref="RunContextBuilder"/> makes of the file), a fresh list.</summary>
    public List<ChatMessage> BuildContext() => RunContextBuilder.Build(_context.Entries);

    /// <summary>
    /// The final assistant reply of the run whose inputs carry <paramref name="runKeys"/>, when the transcript ends
    /// with it: the last entry is an assistant message that stopped on its own (not for a tool, an error or an abort),
    /// and walking back over that run's tool turns and steering messages reaches one of its inputs before any earlier
    /// terminal reply. Null otherwise. Lets a crash after the reply was durable settle the run as the client saw it.
    /// </summary>
    public ChatMessage? CompletedReplyOf(IReadOnlyCollection<string> runKeys)
    {
        var entries = _context.Entries;
        if (entries.Count == 0 || entries[^1].Message is not { Role: ChatRoles.Assistant } reply || !IsTerminal(reply)) return null;
        for (var i = entries.Count - 2; i >= 0; i--)
        {
            if (entries[i].Message is not { } message) continue;
            if (message.Role == ChatRoles.User && entries[i].IdempotencyKey is { } key && runKeys.Contains(key)) return reply;
            if (message.Role == ChatRoles.Assistant && IsTerminal(message)) return null;
        }
        return null;
    }

    private static bool IsTerminal(ChatMessage assistant) => assistant.StopReason is not ("toolUse" or "error" or "aborted");

    /// <summary>Appends messages (one write, durable on return); returns the entry ids.</summary>
    public Task<IReadOnlyList<string>> AppendMessagesAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken) =>
        AppendAsync(messages.Select(m => NewEntry(TranscriptEntryTypes.Message) with { Message = m }).ToList(), cancellationToken);

    /// <summary>Appends user messages tagged with their idempotency keys, skipping any already written.</summary>
    public async Task AppendUserInputsAsync(IReadOnlyList<(string Key, ChatMessage Message)> inputs, CancellationToken cancellationToken)
    {
        var fresh = inputs.Where(i => !Contains(i.Key))
            .Select(i => NewEntry(TranscriptEntryTypes.Message) with { Message = i.Message, IdempotencyKey = i.Key })
            .ToList();
        await AppendAsync(fresh, cancellationToken);
    }

    public async Task<string> AppendEntryAsync(TranscriptEntry entryWithoutChain, CancellationToken cancellationToken) =>
        (await AppendAsync([entryWithoutChain], cancellationToken))[0];

    public TranscriptEntry NewEntry(string type) => new()
    {
        Type = type,
        Id = TranscriptJson.NewEntryId(),
        Timestamp = TranscriptJson.FormatTimestamp(time.GetUtcNow()),
    };

    private async Task<IReadOnlyList<string>> AppendAsync(IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return [];
        var transcript = _opened ?? throw new InvalidOperationException("The session transcript is not open.");
        var chained = new List<TranscriptEntry>(entries.Count);
        var parent = _lastEntryId;
        foreach (var entry in entries)
        {
            chained.Add(entry with { ParentId = parent });
            parent = entry.Id;
        }

        await store.AppendAsync(transcript, chained, cancellationToken);
        _context.AddRange(chained);
        _lastEntryId = parent;
        foreach (var entry in chained)
            if (entry.IdempotencyKey is { } key) Remember(key);
        return chained.Select(e => e.Id).ToList();
    }

    private void Remember(string key)
    {
        if (!_keys.Add(key)) return;
        _keyOrder.Enqueue(key);
        if (_keyOrder.Count > MaxRememberedKeys) _keys.Remove(_keyOrder.Dequeue());
    }
}
