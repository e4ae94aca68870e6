using System.Text;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Agents.Runs.Compaction;

/// <summary>
/// Summarises the older part of a transcript's context with the model (a summarisation prompt, no tools) and says
/// which entry the kept part starts at. Tool results stay with the assistant message that asked for them; the newest
/// message is always kept; a previous summary is folded into the new one.
/// </summary>
public sealed class ContextCompactor(IModelRouter router)
{
    public const string SystemPrompt =
        "You summarise conversations so they can continue with less context. Keep decisions, facts, open tasks, " +
        "names, file paths and the user's preferences; drop chit-chat. Answer with the summary only.";

    /// <summary>Longest excerpt of one message given to the summariser; bounds the summarisation request.</summary>
    private const int MaxCharsPerMessage = 4_000;

    /// <summary>
    /// A compaction of <paramref name="entries"/>, or null when nothing older than the kept part exists.
    /// <paramref name="force"/> compacts below the threshold, keeping at most half of the context;
    /// <paramref name="maxKeptMessages"/> caps how many messages are kept.
    /// </summary>
    public async Task<CompactionRecord?> CompactAsync(
        IReadOnlyList<TranscriptEntry> entries, CompactionPolicy policy, ModelChain chain, bool force, int? maxKeptMessages,
        CancellationToken cancellationToken)
    {
        var (previousSummary, candidates) = ContextEntries(entries);
        if (candidates.Count < 2) return null;

        var tokens = candidates.Select(e => TokenEstimator.Estimate(e.Message!)).ToList();
        var total = tokens.Sum() + TokenEstimator.Estimate(previousSummary);
        var keepBudget = force ? Math.Min(policy.KeepRecentTokens, total / 2) : policy.KeepRecentTokens;
        var firstKept = FirstKeptIndex(candidates, tokens, keepBudget, maxKeptMessages);
        if (firstKept <= 0) return null;

        var summary = await SummariseAsync(previousSummary, candidates.Take(firstKept), chain, cancellationToken);
        var tokensAfter = TokenEstimator.Estimate(summary) + tokens.Skip(firstKept).Sum();
        return new CompactionRecord(summary, candidates[firstKept].Id, total, tokensAfter);
    }

    /// <summary>The previous summary (if any) and the message entries of the current context.</summary>
    private static (string? Summary, List<TranscriptEntry> Messages) ContextEntries(IReadOnlyList<TranscriptEntry> entries)
    {
        var start = 0;
        string? summary = null;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (entries[i].Type != TranscriptEntryTypes.Compaction) continue;
            summary = entries[i].Summary;
            var kept = entries[i].FirstKeptEntryId;
            var keptIndex = -1;
            for (var j = 0; j < i; j++)
                if (entries[j].Id == kept) { keptIndex = j; break; }
            start = keptIndex >= 0 ? keptIndex : i + 1;
            break;
        }

        var messages = entries.Skip(start).Where(e => e is { Type: TranscriptEntryTypes.Message, Message: not null }).ToList();
        return (summary, messages);
    }

    private static int FirstKeptIndex(List<TranscriptEntry> candidates, List<long> tokens, long keepBudget, int? maxKeptMessages)
    {
        var index = candidates.Count - 1; // the newest message is always kept
        var kept = tokens[index];
        while (index > 0 && kept + tokens[index - 1] <= keepBudget && (maxKeptMessages is not { } max || candidates.Count - index < max))
        {
            index--;
            kept += tokens[index];
        }

        // A tool result without the assistant message that called the tool would be an invalid context.
        while (index > 0 && candidates[index].Message!.Role == ChatRoles.ToolResult) index--;
        return index;
    }

    private async Task<string> SummariseAsync(string? previousSummary, IEnumerable<TranscriptEntry> older, ModelChain chain, CancellationToken cancellationToken)
    {
        var transcript = new StringBuilder();
        if (!string.IsNullOrEmpty(previousSummary))
            transcript.Append("Earlier summary:\n").Append(Truncate(previousSummary, MaxCharsPerMessage * 2)).Append("\n\n");
        foreach (var entry in older)
        {
            var message = entry.Message!;
            var speaker = message.Role switch
            {
                ChatRoles.User => "User",
                ChatRoles.Assistant => "Assistant",
                _ => $"Tool result ({message.ToolName})",
            };
            transcript.Append(speaker).Append(": ").Append(Truncate(Describe(message), MaxCharsPerMessage)).Append("\n\n");
        }

        var request = new ModelRequest
        {
            Model = ModelChainResolver.Split(chain.Primary).Model,
            SystemPrompt = SystemPrompt,
            Messages = [ChatMessage.User("Summarise this conversation:\n\n" + transcript, 0)],
        };
        var summary = new StringBuilder();
        await foreach (var update in router.StreamAsync(chain, request, cancellationToken))
        {
            if (update.Update is TextDelta delta) summary.Append(delta.Text);
        }

        return summary.Length > 0 ? summary.ToString() : "(no summary)";
    }

    private static string Describe(ChatMessage message)
    {
        var text = message.Text();
        var calls = message.Content.OfType<ToolCallPart>().Select(c => $"[called {c.Name} {c.Arguments.ToJsonString()}]");
        return string.Join(" ", calls.Prepend(text).Where(s => s.Length > 0));
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
