using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Grains.Agents.Runs.Compaction;

/// <summary>OpenClaw's cheap token estimate: characters / 4 (an image counts as a fixed 1 200 tokens).</summary>
public static class TokenEstimator
{
    private const int ImageTokens = 1_200;

    public static long Estimate(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    public static long Estimate(ChatMessage message) => message.Content.Sum(part => part switch
    {
        TextPart text => Estimate(text.Text),
        ThinkingPart thinking => Estimate(thinking.Thinking),
        ToolCallPart call => Estimate(call.Name) + Estimate(call.Arguments.ToJsonString()),
        ImagePart => ImageTokens,
        _ => 0,
    }) + 4;

    public static long Estimate(IEnumerable<ChatMessage> messages) => messages.Sum(Estimate);
}

/// <summary>
/// When to compact (spec §8): the context passes window − reserve, the reserve being 20 000 tokens but at most a
/// quarter of the window; compaction keeps about <see cref="KeepRecentTokens"/> of the newest entries.
/// </summary>
public sealed record CompactionPolicy(long ContextWindow)
{
    public const long DefaultReserve = 20_000;
    public const long DefaultKeepRecent = 20_000;

    public long Reserve => Math.Min(DefaultReserve, ContextWindow / 4);
    public long Threshold => ContextWindow - Reserve;
    public long KeepRecentTokens => Math.Min(DefaultKeepRecent, ContextWindow / 4);

    public bool ShouldCompact(long contextTokens) => contextTokens > Threshold;
}
