using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// The transcript entries a model context can still use, in file order. Bound: entries before the last
/// <c>compaction</c>'s first kept entry (or before the compaction itself) are dropped, because
/// <see cref="Agents.Runs.RunContextBuilder"/> never reads them again; what remains is what the model sees, which
/// compaction keeps within the model's window.
/// </summary>
internal sealed class ContextWindowEntries
{
    private readonly List<TranscriptEntry> _entries = [];

    public IReadOnlyList<TranscriptEntry> Entries => _entries;

    public void Reset(IReadOnlyList<TranscriptEntry> entries)
    {
        _entries.Clear();
        _entries.AddRange(entries);
        DropBeforeLastCompaction();
    }

    public void AddRange(IReadOnlyList<TranscriptEntry> entries)
    {
        _entries.AddRange(entries);
        if (entries.Any(e => e.Type == TranscriptEntryTypes.Compaction)) DropBeforeLastCompaction();
    }

    private void DropBeforeLastCompaction()
    {
        var compaction = _entries.FindLastIndex(e => e.Type == TranscriptEntryTypes.Compaction);
        if (compaction <= 0) return;
        var firstKeptId = _entries[compaction].FirstKeptEntryId;
        var firstKept = firstKeptId is null ? -1 : _entries.FindIndex(0, compaction, e => e.Id == firstKeptId);
        var keepFrom = firstKept >= 0 ? firstKept : compaction;
        if (keepFrom > 0) _entries.RemoveRange(0, keepFrom);
    }
}
