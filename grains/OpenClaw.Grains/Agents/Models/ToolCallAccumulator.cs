using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenClaw.Grains.Agents.Models;

/// <summary>
/// Assembles streamed tool calls: the id and name arrive with the first fragment, the JSON arguments in pieces,
/// all keyed by the provider's index. Bounded by what one response holds (the provider caps output tokens).
/// </summary>
internal sealed class ToolCallAccumulator
{
    private readonly SortedDictionary<long, Entry> _calls = [];

    public bool IsEmpty => _calls.Count == 0;

    public bool Contains(long index) => _calls.ContainsKey(index);

    public void Start(long index, string? id, string? name)
    {
        var entry = Get(index);
        entry.Id ??= id;
        entry.Name ??= name;
    }

    public void Append(long index, string? fragment)
    {
        if (!string.IsNullOrEmpty(fragment))
            Get(index).Arguments.Append(fragment);
    }

    /// <summary>The complete calls in index order; empty arguments become <c>{}</c>.</summary>
    public IReadOnlyList<ToolCallRequested> Complete(string model) =>
        _calls.Values.Select(entry => new ToolCallRequested(
            entry.Id ?? $"call_{Guid.NewGuid():N}",
            entry.Name ?? throw new ModelCallException(ModelErrorKind.Unknown, $"model {model} streamed a tool call without a name"),
            ParseArguments(entry, model))).ToList();

    private Entry Get(long index)
    {
        if (!_calls.TryGetValue(index, out var entry))
            _calls[index] = entry = new Entry();
        return entry;
    }

    private static JsonObject ParseArguments(Entry entry, string model)
    {
        var text = entry.Arguments.ToString();
        if (string.IsNullOrWhiteSpace(text))
            return [];
        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new ModelCallException(ModelErrorKind.Unknown, $"model {model} called tool {entry.Name} with arguments that are not a JSON object");
        }
        catch (JsonException exception)
        {
            throw new ModelCallException(ModelErrorKind.Unknown, $"model {model} called tool {entry.Name} with arguments that are not valid JSON", exception);
        }
    }

    private sealed class Entry
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public StringBuilder Arguments { get; } = new();
    }
}
