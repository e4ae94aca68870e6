namespace OpenClaw.Bench.Streams;

/// <summary>A chat-delta-sized item: its stream position and the Stopwatch timestamp of its publish (publisher and subscribers share this process's clock).</summary>
public sealed record BenchStreamEvent(long Seq, long PublishedAt, string Text);
