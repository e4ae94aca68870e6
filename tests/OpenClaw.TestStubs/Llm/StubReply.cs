namespace OpenClaw.TestStubs;

/// <summary>
/// One scripted answer of an LLM stub server. The same script is rendered in the wire format of the server that
/// serves it (OpenAI chunks or Anthropic events), streaming or not, depending on what the request asked for.
/// </summary>
public sealed record StubReply
{
    /// <summary>Text deltas, one per streamed chunk (concatenated in a non-streaming answer).</summary>
    public IReadOnlyList<string> TextChunks { get; init; } = [];

    /// <summary>Thinking deltas. Only the Anthropic stub renders them (as a <c>thinking</c> block).</summary>
    public IReadOnlyList<string> ThinkingChunks { get; init; } = [];

    /// <summary>Tool calls, streamed after the text; their arguments are split into fragments across chunks.</summary>
    public IReadOnlyList<StubToolCall> ToolCalls { get; init; } = [];

    /// <summary>Wire-level stop reason (<c>finish_reason</c> / <c>stop_reason</c>); null derives it from the tool calls.</summary>
    public string? StopReason { get; init; }

    /// <summary>Token usage to report; null reports 10 input tokens and one output token per chunk.</summary>
    public StubUsage? Usage { get; init; }

    /// <summary>Answer with this HTTP error instead of a completion.</summary>
    public StubError? Error { get; init; }

    /// <summary>Waited before the response starts (to provoke client timeouts).</summary>
    public TimeSpan ResponseDelay { get; init; }

    /// <summary>Waited before every streamed chunk.</summary>
    public TimeSpan ChunkDelay { get; init; }

    /// <summary>
    /// End the response after this many text chunks, without the closing chunk/events (a stream cut short). The
    /// response ends cleanly rather than with a reset: a TCP reset makes the client discard what it had not read yet.
    /// </summary>
    public int? TruncateAfterChunks { get; init; }

    public static StubReply Text(params string[] chunks) => new() { TextChunks = chunks };

    public static StubReply WithToolCalls(params StubToolCall[] calls) => new() { ToolCalls = calls };

    public static StubReply Fail(int status, string message, TimeSpan? retryAfter = null, string? code = null) =>
        new() { Error = new StubError(status, message) { RetryAfter = retryAfter, Code = code } };

    public static StubReply RateLimited(TimeSpan? retryAfter = null) =>
        Fail(429, "Rate limit reached for requests (stub)", retryAfter);

    /// <summary>The default behaviour of the stubs, as in the real captures: <c>echo: &lt;last user text&gt;</c>.</summary>
    public static StubReply Echo(string lastUserText) => Text("echo:", " " + lastUserText);

    internal StubUsage EffectiveUsage =>
        Usage ?? new StubUsage(10, Math.Max(1, TextChunks.Count + ThinkingChunks.Count + ToolCalls.Count));
}

/// <summary>A tool call to stream; <see cref="ArgumentsJson"/> is sent in <see cref="Fragments"/> pieces.</summary>
public sealed record StubToolCall(string Id, string Name, string ArgumentsJson)
{
    public int Fragments { get; init; } = 3;

    internal IEnumerable<string> ArgumentFragments()
    {
        var count = Math.Clamp(Fragments, 1, Math.Max(1, ArgumentsJson.Length));
        var size = (int)Math.Ceiling(ArgumentsJson.Length / (double)count);
        for (var start = 0; start < ArgumentsJson.Length; start += size)
            yield return ArgumentsJson.Substring(start, Math.Min(size, ArgumentsJson.Length - start));
    }
}

/// <summary>An HTTP error answer, rendered with the provider's error body.</summary>
public sealed record StubError(int Status, string Message)
{
    /// <summary>Sent as a <c>Retry-After</c> header (whole seconds, rounded up) when set.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Provider error code, e.g. OpenAI's <c>context_length_exceeded</c>.</summary>
    public string? Code { get; init; }
}

public sealed record StubUsage(int Input, int Output);
