namespace OpenClaw.Configuration.Json5;

/// <summary>Turns character offsets into 1-based line/column, with JSON5's line terminators (LF, CR, CRLF, U+2028, U+2029).</summary>
internal sealed class LineMap
{
    private readonly List<int> _lineStarts = [0];

    public LineMap(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
                _lineStarts.Add(i + 1);
            }
            else if (Json5Chars.IsLineTerminator(c))
            {
                _lineStarts.Add(i + 1);
            }
        }
    }

    public TextPosition PositionOf(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        var line = index >= 0 ? index : ~index - 1;
        return new TextPosition(line + 1, offset - _lineStarts[line] + 1);
    }
}
