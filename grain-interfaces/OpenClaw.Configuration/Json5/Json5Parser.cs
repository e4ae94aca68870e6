using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Json5;

/// <summary>Recursive-descent JSON5 parser for one text; structure and trivia here, scalars in the other part.</summary>
internal sealed partial class Json5Parser
{
    private readonly string _text;
    private readonly string _sourceName;
    private readonly LineMap _lines;
    private readonly Dictionary<string, int> _valueOffsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _keyOffsets = new(StringComparer.Ordinal);
    private readonly List<Json5StringLiteral> _stringLiterals = [];
    private int _pos;

    public Json5Parser(string text, string sourceName)
    {
        _text = text;
        _sourceName = sourceName;
        _lines = new LineMap(text);
    }

    public Json5Document ParseDocument()
    {
        SkipTrivia();
        if (AtEnd)
        {
            throw Error(_pos, "unexpected end of input: expected a value");
        }
        var root = ParseValue(JsonPointer.Root, depth: 0);
        SkipTrivia();
        if (!AtEnd)
        {
            throw Error(_pos, $"unexpected character {Json5Chars.Describe(Current)} after the end of the document");
        }
        return new Json5Document(root, _sourceName, _lines, _valueOffsets, _keyOffsets, _stringLiterals);
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Current => _text[_pos];

    private char? Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : null;

    private JsonNode? ParseValue(string pointer, int depth)
    {
        _valueOffsets[pointer] = _pos;
        var c = Current;
        switch (c)
        {
            case '{':
                return ParseObject(pointer, depth);
            case '[':
                return ParseArray(pointer, depth);
            case '"' or '\'':
                var start = _pos;
                var text = ParseString();
                _stringLiterals.Add(new Json5StringLiteral(start, _pos - start, text, pointer));
                return JsonValue.Create(text);
            case >= '0' and <= '9' or '+' or '-' or '.' or 'I' or 'N':
                return ParseNumber();
        }
        if (TryConsumeWord("null"))
        {
            return null;
        }
        if (TryConsumeWord("true"))
        {
            return JsonValue.Create(true);
        }
        if (TryConsumeWord("false"))
        {
            return JsonValue.Create(false);
        }
        throw Error(_pos, $"unexpected character {Json5Chars.Describe(c)}: expected a value");
    }

    private JsonObject ParseObject(string pointer, int depth)
    {
        var open = EnterContainer(depth);
        var result = new JsonObject();
        while (true)
        {
            SkipTrivia();
            ThrowIfEnd(open, "object");
            if (Current == '}')
            {
                _pos++;
                return result;
            }
            var keyOffset = _pos;
            var key = ParsePropertyName();
            var childPointer = JsonPointer.Append(pointer, key);
            _keyOffsets[childPointer] = keyOffset;
            SkipTrivia();
            ThrowIfEnd(open, "object");
            if (Current != ':')
            {
                throw Error(_pos, $"unexpected character {Json5Chars.Describe(Current)}: expected ':' after property name '{key}'");
            }
            _pos++;
            SkipTrivia();
            ThrowIfEnd(open, "object");
            // Last duplicate wins, as in JavaScript; the indexer keeps the first occurrence's place.
            result[key] = ParseValue(childPointer, depth + 1);
            SkipTrivia();
            ThrowIfEnd(open, "object");
            switch (Current)
            {
                case ',':
                    _pos++;
                    continue;
                case '}':
                    _pos++;
                    return result;
                default:
                    throw Error(_pos, $"unexpected character {Json5Chars.Describe(Current)}: expected ',' or '}}' in object");
            }
        }
    }

    private JsonArray ParseArray(string pointer, int depth)
    {
        var open = EnterContainer(depth);
        var result = new JsonArray();
        while (true)
        {
            SkipTrivia();
            ThrowIfEnd(open, "array");
            if (Current == ']')
            {
                _pos++;
                return result;
            }
            result.Add(ParseValue(JsonPointer.Append(pointer, result.Count), depth + 1));
            SkipTrivia();
            ThrowIfEnd(open, "array");
            switch (Current)
            {
                case ',':
                    _pos++;
                    continue;
                case ']':
                    _pos++;
                    return result;
                default:
                    throw Error(_pos, $"unexpected character {Json5Chars.Describe(Current)}: expected ',' or ']' in array");
            }
        }
    }

    /// <summary>Consumes the opening bracket and returns its offset, for "unterminated" messages.</summary>
    private int EnterContainer(int depth)
    {
        if (depth >= Json5Reader.MaxDepth)
        {
            throw Error(_pos, $"nesting too deep: more than {Json5Reader.MaxDepth} levels of objects and arrays");
        }
        return _pos++;
    }

    private void ThrowIfEnd(int openOffset, string container)
    {
        if (AtEnd)
        {
            var (line, column) = _lines.PositionOf(openOffset);
            throw Error(_pos, $"unexpected end of input: unterminated {container} opened at {line}:{column}");
        }
    }

    private bool TryConsumeWord(string word)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0)
        {
            return false;
        }
        var end = _pos + word.Length;
        if (end < _text.Length && Json5Chars.IsIdentifierPart(_text[end]))
        {
            return false;
        }
        _pos = end;
        return true;
    }

    private void SkipTrivia()
    {
        while (!AtEnd)
        {
            var c = Current;
            if (Json5Chars.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (!AtEnd && !Json5Chars.IsLineTerminator(Current))
                {
                    _pos++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error(_pos, "unterminated block comment");
                }
                _pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private ConfigParseException Error(int offset, string reason)
    {
        var (line, column) = _lines.PositionOf(offset);
        return new ConfigParseException(_sourceName, line, column, reason);
    }
}
