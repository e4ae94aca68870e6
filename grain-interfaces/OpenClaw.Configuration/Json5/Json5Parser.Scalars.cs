using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Json5;

/// <summary>Strings, property names and numbers.</summary>
internal sealed partial class Json5Parser
{
    /// <summary>A quoted string or an ECMAScript IdentifierName (which may contain <c>\uXXXX</c> escapes).</summary>
    private string ParsePropertyName()
    {
        if (Current is '"' or '\'')
        {
            return ParseString();
        }
        var name = new StringBuilder();
        while (!AtEnd)
        {
            var start = _pos;
            int codePoint;
            if (Current == '\\')
            {
                if (Peek(1) != 'u')
                {
                    throw Error(_pos, "invalid escape in property name: only \\uXXXX is allowed");
                }
                _pos += 2;
                codePoint = ReadHex(4, "\\u");
            }
            else if (char.IsHighSurrogate(Current) && Peek(1) is { } low && char.IsLowSurrogate(low))
            {
                codePoint = char.ConvertToUtf32(Current, low);
                _pos += 2;
            }
            else
            {
                codePoint = Current;
                _pos++;
            }
            var valid = name.Length == 0 ? Json5Chars.IsIdentifierStart(codePoint) : Json5Chars.IsIdentifierPart(codePoint);
            if (!valid)
            {
                if (name.Length > 0 && _text[start] != '\\')
                {
                    _pos = start;
                    break;
                }
                var shown = codePoint <= char.MaxValue ? Json5Chars.Describe((char)codePoint) : $"U+{codePoint:X}";
                throw Error(start, $"unexpected character {shown}: expected a property name");
            }
            name.Append(char.ConvertFromUtf32(codePoint));
        }
        return name.ToString();
    }

    private string ParseString()
    {
        var open = _pos;
        var quote = _text[_pos++];
        var value = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error(open, "unterminated string");
            }
            var c = _text[_pos];
            if (c == quote)
            {
                _pos++;
                return value.ToString();
            }
            if (c is '\n' or '\r')
            {
                throw Error(_pos, "unescaped line break in string (end the line with '\\' to continue it)");
            }
            _pos++;
            if (c == '\\')
            {
                ReadEscape(value, open);
            }
            else
            {
                value.Append(c);
            }
        }
    }

    /// <summary>Reads the escape after a backslash (already consumed).</summary>
    private void ReadEscape(StringBuilder value, int stringOpen)
    {
        if (AtEnd)
        {
            throw Error(stringOpen, "unterminated string");
        }
        var escapeStart = _pos - 1;
        var c = _text[_pos++];
        switch (c)
        {
            case 'b': value.Append('\b'); break;
            case 'f': value.Append('\f'); break;
            case 'n': value.Append('\n'); break;
            case 'r': value.Append('\r'); break;
            case 't': value.Append('\t'); break;
            case 'v': value.Append('\v'); break;
            case '0':
                if (!AtEnd && Json5Chars.IsDigit(Current))
                {
                    throw Error(escapeStart, "octal escapes are not allowed (\\0 must not be followed by a digit)");
                }
                value.Append('\0');
                break;
            case >= '1' and <= '9':
                throw Error(escapeStart, $"invalid escape '\\{c}': digits cannot be escaped");
            case 'x':
                value.Append((char)ReadHex(2, "\\x"));
                break;
            case 'u':
                value.Append((char)ReadHex(4, "\\u"));
                break;
            case '\r':
                // Line continuation: the backslash and the line terminator (CRLF counts as one) vanish.
                if (!AtEnd && Current == '\n')
                {
                    _pos++;
                }
                break;
            case '\n' or '\u2028' or '\u2029':
                break;
            default:
                // NonEscapeCharacter: any other character stands for itself ('\a' is 'a', '\/' is '/').
                value.Append(c);
                break;
        }
    }

    private int ReadHex(int digits, string escapeName)
    {
        var result = 0;
        for (var i = 0; i < digits; i++)
        {
            if (AtEnd || !Json5Chars.IsHexDigit(Current))
            {
                var found = AtEnd ? "end of input" : Json5Chars.Describe(Current);
                throw Error(_pos, $"invalid {escapeName} escape: expected {digits} hex digits, found {found}");
            }
            result = (result * 16) + Convert.ToInt32(Current.ToString(), 16);
            _pos++;
        }
        return result;
    }

    private JsonValue ParseNumber()
    {
        var start = _pos;
        var negative = false;
        if (Current is '+' or '-')
        {
            negative = Current == '-';
            _pos++;
            if (AtEnd)
            {
                throw Error(_pos, "unexpected end of input: expected a number after the sign");
            }
        }
        JsonValue value;
        if (TryConsumeWord("Infinity"))
        {
            value = JsonValue.Create(negative ? double.NegativeInfinity : double.PositiveInfinity);
        }
        else if (TryConsumeWord("NaN"))
        {
            value = JsonValue.Create(double.NaN);
        }
        else if (Current == '0' && Peek(1) is 'x' or 'X')
        {
            value = ParseHexInteger(negative);
        }
        else
        {
            value = ParseDecimal(start, negative);
        }
        if (!AtEnd && (Json5Chars.IsIdentifierPart(Current) || Current == '.'))
        {
            throw Error(_pos, $"invalid character {Json5Chars.Describe(Current)} in number");
        }
        return value;
    }

    private JsonValue ParseHexInteger(bool negative)
    {
        _pos += 2;
        var digitsStart = _pos;
        while (!AtEnd && Json5Chars.IsHexDigit(Current))
        {
            _pos++;
        }
        if (_pos == digitsStart)
        {
            var found = AtEnd ? "end of input" : Json5Chars.Describe(Current);
            throw Error(_pos, $"invalid hexadecimal number: expected a hex digit, found {found}");
        }
        // Leading "0" keeps BigInteger from reading the top bit as a sign.
        var magnitude = BigInteger.Parse("0" + _text[digitsStart.._pos], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var signed = negative ? -magnitude : magnitude;
        return signed >= long.MinValue && signed <= long.MaxValue ? JsonValue.Create((long)signed) : JsonValue.Create((double)signed);
    }

    private JsonValue ParseDecimal(int start, bool negative)
    {
        var integerDigits = ReadDigits();
        if (integerDigits > 1 && _text[_pos - integerDigits] == '0')
        {
            throw Error(_pos - integerDigits + 1, "leading zeros are not allowed in numbers");
        }
        var isIntegral = true;
        var fractionDigits = 0;
        if (!AtEnd && Current == '.')
        {
            isIntegral = false;
            _pos++;
            fractionDigits = ReadDigits();
        }
        if (integerDigits == 0 && fractionDigits == 0)
        {
            var found = AtEnd ? "end of input" : Json5Chars.Describe(Current);
            throw Error(_pos, $"invalid number: expected a digit, found {found}");
        }
        if (!AtEnd && Current is 'e' or 'E')
        {
            isIntegral = false;
            _pos++;
            if (!AtEnd && Current is '+' or '-')
            {
                _pos++;
            }
            if (ReadDigits() == 0)
            {
                var found = AtEnd ? "end of input" : Json5Chars.Describe(Current);
                throw Error(_pos, $"invalid number exponent: expected a digit, found {found}");
            }
        }
        var literal = _text[start.._pos];
        if (isIntegral && long.TryParse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            // -0 is a distinct double in JavaScript; a long would lose the sign.
            return integer == 0 && negative ? JsonValue.Create(-0.0) : JsonValue.Create(integer);
        }
        return JsonValue.Create(double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private int ReadDigits()
    {
        var start = _pos;
        while (!AtEnd && Json5Chars.IsDigit(Current))
        {
            _pos++;
        }
        return _pos - start;
    }
}
