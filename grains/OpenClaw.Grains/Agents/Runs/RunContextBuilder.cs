using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>
/// The model context of a transcript (spec §8): after the last <c>compaction</c> entry, its summary as a leading
/// message followed by the entries from <c>firstKeptEntryId</c> on; without one, every message.
/// </summary>
public static class RunContextBuilder
{
    public const string SummaryPrefix = "The conversation before this point was compacted into this summary:\n\n";

    public static List<ChatMessage> Build(IReadOnlyList<TranscriptEntry> entries)
    {
        var compactionIndex = LastIndexOf(entries, e => e.Type == TranscriptEntryTypes.Compaction);
        if (compactionIndex < 0) return [.. Messages(entries, 0, entries.Count)];

        var compaction = entries[compactionIndex];
        var firstKept = compaction.FirstKeptEntryId is { } id ? IndexOf(entries, e => e.Id == id) : -1;
        var context = new List<ChatMessage>
        {
            ChatMessage.User(SummaryPrefix + compaction.Summary, TimestampOf(compaction)),
        };
        if (firstKept >= 0) context.AddRange(Messages(entries, firstKept, compactionIndex));
        context.AddRange(Messages(entries, compactionIndex + 1, entries.Count));
        return context;
    }

    private static IEnumerable<ChatMessage> Messages(IReadOnlyList<TranscriptEntry> entries, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (entries[i] is { Type: TranscriptEntryTypes.Message, Message: { } message }) yield return message;
        }
    }

    private static long TimestampOf(TranscriptEntry entry) =>
        DateTimeOffset.TryParse(entry.Timestamp, out var time) ? time.ToUnixTimeMilliseconds() : 0;

    private static int LastIndexOf(IReadOnlyList<TranscriptEntry> entries, Func<TranscriptEntry, bool> match)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
            if (match(entries[i])) return i;
        return -1;
    }

    private static int IndexOf(IReadOnlyList<TranscriptEntry> entries, Func<TranscriptEntry, bool> match)
    {
        for (var i = 0; i < entries.Count; i++)
            if (match(entries[i])) return i;
        return -1;
    }
}
