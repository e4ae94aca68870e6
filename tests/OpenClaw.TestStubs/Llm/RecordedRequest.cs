using System.Text.Json.Nodes;

namespace OpenClaw.TestStubs;

/// <summary>A request an LLM stub received: path, headers (lower-case names) and the parsed JSON body.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, JsonObject? Body)
{
    public bool IsStreaming => Body?["stream"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;

    public string? Model => Body?["model"]?.GetValue<string>();

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    /// <summary>Names of the tools offered to the model (OpenAI <c>tools[].function.name</c>, Anthropic <c>tools[].name</c>).</summary>
    public IReadOnlyList<string> OfferedToolNames => Body?["tools"] is JsonArray tools
        ? [.. tools.OfType<JsonObject>().Select(t => (t["function"]?["name"] ?? t["name"])?.GetValue<string>()).OfType<string>()]
        : [];

    /// <summary>The request's <c>tool_choice</c> as sent (a string or an object), or null when absent.</summary>
    public JsonNode? ToolChoice => Body?["tool_choice"];
}

/// <summary>
/// The most recent requests a stub received. Bounded: beyond <see cref="Capacity"/> the oldest entry is dropped
/// (benchmarks send many requests and never read them); <see cref="Total"/> keeps counting.
/// </summary>
internal sealed class RequestLog
{
    public const int Capacity = 1000;

    private readonly Queue<RecordedRequest> _entries = new();
    private readonly Lock _gate = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Add(RecordedRequest request)
    {
        lock (_gate)
        {
            if (_entries.Count == Capacity)
                _entries.Dequeue();
            _entries.Enqueue(request);
        }
        Interlocked.Increment(ref _total);
    }

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
            return [.. _entries];
    }
}
