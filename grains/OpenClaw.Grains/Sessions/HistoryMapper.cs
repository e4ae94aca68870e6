using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// Transcript → <c>chat.history</c> page and <c>sessions.preview</c> items. Paging counts from the newest message:
/// a page is the <c>limit</c> messages before the newest <c>offset</c> ones (or before the message of seq
/// <c>beforeSeq</c>), oldest first; <c>maxChars</c> cuts each text part.
/// </summary>
internal static class HistoryMapper
{
    public static HistoryPage Page(string sessionKey, string sessionId, TranscriptContent content, HistoryQuery query, string? thinkingLevel, int pendingInputs)
    {
        var messages = Messages(content);
        var limit = Math.Max(0, query.Limit);
        var end = query.BeforeSeq is { } beforeSeq
            ? (int)Math.Clamp(beforeSeq - 1, 0, messages.Count)
            : messages.Count - Math.Clamp(query.Offset, 0, messages.Count);
        var start = Math.Max(0, end - limit);
        var page = messages.GetRange(start, end - start)
            .Select(m => m with { Message = Truncate(m.Message, query.MaxChars) })
            .ToList();
        return new HistoryPage
        {
            SessionKey = sessionKey,
            SessionId = sessionId,
            Messages = page,
            TotalMessages = messages.Count,
            HasMore = start > 0,
            NextOffset = start > 0 ? messages.Count - start : null,
            ThinkingLevel = thinkingLevel,
            PendingInputs = pendingInputs,
        };
    }

    public static SessionPreview Preview(TranscriptContent content, int limit, int maxChars)
    {
        var messages = Messages(content);
        var items = messages.Skip(Math.Max(0, messages.Count - limit))
            .Select(m => new PreviewItem(m.Message.Role, Cut(m.Message.Text(), maxChars)))
            .ToList();
        return new SessionPreview(items.Count == 0 ? "empty" : "ok", items);
    }

    private static List<HistoryMessage> Messages(TranscriptContent content)
    {
        var messages = new List<HistoryMessage>();
        foreach (var entry in content.Entries)
        {
            if (entry is { Type: TranscriptEntryTypes.Message, Message: { } message })
                messages.Add(new HistoryMessage(entry.Id, messages.Count + 1, message));
        }

        return messages;
    }

    private static ChatMessage Truncate(ChatMessage message, int? maxChars) => maxChars is not { } max
        ? message
        : message with { Content = message.Content.Select(p => p is TextPart text ? new TextPart(Cut(text.Text, max)) : p).ToList() };

    private static string Cut(string text, int max) => max <= 0 || text.Length <= max ? text : text[..max];
}
