using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Json5;

/// <summary>A parsed JSON5 text plus where each value and property name starts in it.</summary>
public sealed class Json5Document
{
    private readonly LineMap _lines;
    private readonly IReadOnlyDictionary<string, int> _valueOffsets;
    private readonly IReadOnlyDictionary<string, int> _keyOffsets;

    internal Json5Document(
        JsonNode? root,
        string sourceName,
        LineMap lines,
        IReadOnlyDictionary<string, int> valueOffsets,
        IReadOnlyDictionary<string, int> keyOffsets,
        IReadOnlyList<Json5StringLiteral> stringLiterals)
    {
        Root = root;
        SourceName = sourceName;
        _lines = lines;
        _valueOffsets = valueOffsets;
        _keyOffsets = keyOffsets;
        StringLiterals = stringLiterals;
    }

    /// <summary>The value; numbers are <c>long</c> when integral and in range, else <c>double</c> (NaN and ±Infinity included).</summary>
    public JsonNode? Root { get; }

    public string SourceName { get; }

    /// <summary>Every string value literal in source order; used to redact the raw text.</summary>
    internal IReadOnlyList<Json5StringLiteral> StringLiterals { get; }

    /// <summary>Where the value at <paramref name="jsonPointer"/> (RFC 6901, <c>""</c> for the root) starts.</summary>
    public bool TryGetPosition(string jsonPointer, out int line, out int column) =>
        TryGet(_valueOffsets, jsonPointer, out line, out column);

    /// <summary>Where the property name of the member at <paramref name="jsonPointer"/> starts.</summary>
    public bool TryGetKeyPosition(string jsonPointer, out int line, out int column) =>
        TryGet(_keyOffsets, jsonPointer, out line, out column);

    private bool TryGet(IReadOnlyDictionary<string, int> offsets, string pointer, out int line, out int column)
    {
        if (!offsets.TryGetValue(pointer, out var offset))
        {
            line = column = 0;
            return false;
        }
        (line, column) = _lines.PositionOf(offset);
        return true;
    }
}
