using System.Text.Json.Nodes;
using OpenClaw.Configuration.Json5;

namespace OpenClaw.Configuration.Tests;

/// <summary>The JSON5 reader against the examples and rules of spec.json5.org 1.0.0.</summary>
public class Json5ReaderTests
{
    private static JsonNode? Parse(string text) => Json5Reader.Parse(text, "test.json5");

    private static double Number(JsonNode? node) => node!.GetValue<object>() switch
    {
        long l => l,
        double d => d,
        var other => throw new InvalidOperationException($"unexpected {other.GetType()}"),
    };

    [Fact]
    public void Parse_SpecExampleObject_ReadsEveryMember()
    {
        const string example = """
            {
              // comments
              unquoted: 'and you can quote me on that',
              singleQuotes: 'I can use "double quotes" here',
              lineBreaks: "Look, Mom! \
            No \\n's!",
              hexadecimal: 0xdecaf,
              leadingDecimalPoint: .8675309, andTrailing: 8675309.,
              positiveSign: +1,
              trailingComma: 'in objects', andIn: ['arrays',],
              "backwardsCompatible": "with JSON",
            }
            """;
        var root = Parse(example)!.AsObject();

        Assert.Equal("and you can quote me on that", (string?)root["unquoted"]);
        Assert.Equal("I can use \"double quotes\" here", (string?)root["singleQuotes"]);
        Assert.Equal("Look, Mom! No \\n's!", (string?)root["lineBreaks"]);
        Assert.Equal(0xdecaf, Number(root["hexadecimal"]));
        Assert.Equal(.8675309, Number(root["leadingDecimalPoint"]));
        Assert.Equal(8675309.0, Number(root["andTrailing"]));
        Assert.Equal(1, Number(root["positiveSign"]));
        Assert.Equal("in objects", (string?)root["trailingComma"]);
        Assert.Equal(["arrays"], root["andIn"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("with JSON", (string?)root["backwardsCompatible"]);
        Assert.Equal(10, root.Count);
    }

    [Fact]
    public void Parse_SpecNumberExamples_ReadsAllForms()
    {
        var array = Parse("[123, 0xFF, 0X1f, -0x10, .5, 5., +1, -1.5e3, 1E-2, 123e+2, Infinity, -Infinity, +Infinity, NaN]")!.AsArray();

        Assert.Equal(123, Number(array[0]));
        Assert.Equal(255, Number(array[1]));
        Assert.Equal(31, Number(array[2]));
        Assert.Equal(-16, Number(array[3]));
        Assert.Equal(0.5, Number(array[4]));
        Assert.Equal(5, Number(array[5]));
        Assert.Equal(1, Number(array[6]));
        Assert.Equal(-1500, Number(array[7]));
        Assert.Equal(0.01, Number(array[8]));
        Assert.Equal(12300, Number(array[9]));
        Assert.Equal(double.PositiveInfinity, Number(array[10]));
        Assert.Equal(double.NegativeInfinity, Number(array[11]));
        Assert.Equal(double.PositiveInfinity, Number(array[12]));
        Assert.True(double.IsNaN(Number(array[13])));
    }

    [Fact]
    public void Parse_IntegersInLongRange_AreLongsAndLargerOnesDoubles()
    {
        var array = Parse("[9007199254740993, 0xFFFFFFFFFFFFFFFFFF, 18789]")!.AsArray();

        Assert.Equal(9007199254740993L, array[0]!.GetValue<long>());
        Assert.IsType<double>(array[1]!.GetValue<object>());
        Assert.Equal(18789L, array[2]!.GetValue<long>());
    }

    [Fact]
    public void Parse_StringEscapes_DecodeEveryForm()
    {
        var root = Parse("""
            {
              a: '\x41\u0042\'\"\\\/\b\f\n\r\t\v\0',
              b: "line one \
            line two",
              c: 'crlf \
            done',
              d: '\a\c\d',
              e: 'sep\u2028arator',
              f: "raw separators",
              g: '\uD83D\uDE00',
            }
            """.Replace("crlf \\\n", "crlf \\\r\n").Replace("raw separators", "raw\u2028sep\u2029s"))!.AsObject();

        Assert.Equal("AB'\"\\/\b\f\n\r\t\v\0", (string?)root["a"]);
        Assert.Equal("line one line two", (string?)root["b"]);
        Assert.Equal("crlf done", (string?)root["c"]);
        Assert.Equal("acd", (string?)root["d"]);
        Assert.Equal("sep\u2028arator", (string?)root["e"]);
        Assert.Equal("raw\u2028sep\u2029s", (string?)root["f"]);
        Assert.Equal("😀", (string?)root["g"]);
    }

    [Fact]
    public void Parse_IdentifierKeys_AcceptEcmaScriptIdentifierNames()
    {
        var root = Parse("{ $_: 1, _$: 2, a\u200Cb: 3, ūńîċõďë: 4, \\u0041\\u0042: 5, café_2: 6, null: 7, true: 8 }")!.AsObject();

        Assert.Equal(["$_", "_$", "a\u200Cb", "ūńîċõďë", "AB", "café_2", "null", "true"], root.Select(p => p.Key));
    }

    [Fact]
    public void Parse_CommentsAndExoticWhitespace_AreSkipped()
    {
        var text = "\uFEFF/* block\n comment */ {\u00A0a:\u2028 1, // line\n\u2029b /* inline */ : [\t\v\f 2 ,] }\u3000// end";

        var root = Parse(text)!.AsObject();

        Assert.Equal(1, Number(root["a"]));
        Assert.Equal(2, Number(root["b"]![0]));
    }

    [Fact]
    public void Parse_DuplicateKeys_LastOneWins()
    {
        var root = Parse("{ a: 1, b: 2, a: 3 }")!.AsObject();

        Assert.Equal(3, Number(root["a"]));
        Assert.Equal(2, root.Count);
    }

    [Fact]
    public void Parse_Literals_ReadNullTrueFalseAndTopLevelScalars()
    {
        Assert.Null(Parse("null"));
        Assert.True((bool)Parse("true")!);
        Assert.False((bool)Parse(" false ")!);
        Assert.Equal("x", (string?)Parse("'x'"));
        Assert.Equal(-0.0, Number(Parse("-0")));
        Assert.True(double.IsNegative(Number(Parse("-0"))));
    }

    [Theory]
    [InlineData("{\n  a: 1,\n  b: }", 3, 6, "unexpected character '}': expected a value")]
    [InlineData("{ a 1 }", 1, 5, "expected ':' after property name 'a'")]
    [InlineData("[1 2]", 1, 4, "expected ',' or ']'")]
    [InlineData("{ a: 1 b: 2 }", 1, 8, "expected ',' or '}'")]
    [InlineData("[1,,2]", 1, 4, "expected a value")]
    [InlineData("{,}", 1, 2, "expected a property name")]
    [InlineData("{ a: 'x", 1, 6, "unterminated string")]
    [InlineData("{ a: 'x\ny' }", 1, 8, "unescaped line break in string")]
    [InlineData("'\\1'", 1, 2, "invalid escape '\\1'")]
    [InlineData("'\\01'", 1, 2, "octal escapes are not allowed")]
    [InlineData("'\\x4G'", 1, 5, "invalid \\x escape")]
    [InlineData("'\\u12'", 1, 6, "invalid \\u escape")]
    [InlineData("01", 1, 2, "leading zeros")]
    [InlineData("0x", 1, 3, "invalid hexadecimal number")]
    [InlineData("1e", 1, 3, "invalid number exponent")]
    [InlineData("1a", 1, 2, "invalid character 'a' in number")]
    [InlineData(".", 1, 2, "invalid number")]
    [InlineData("+ 1", 1, 2, "invalid number")]
    [InlineData("/* open", 1, 1, "unterminated block comment")]
    [InlineData("{ a: 1 } x", 1, 10, "after the end of the document")]
    [InlineData("", 1, 1, "unexpected end of input")]
    [InlineData("{ a: [1, 2", 1, 11, "unterminated array opened at 1:6")]
    [InlineData("{\n a: 1,", 2, 7, "unterminated object opened at 1:1")]
    [InlineData("{ 1a: 2 }", 1, 3, "expected a property name")]
    [InlineData("undefined", 1, 1, "expected a value")]
    [InlineData("nul", 1, 1, "expected a value")]
    [InlineData("{ a\\x41: 1 }", 1, 4, "only \\uXXXX")]
    public void Parse_InvalidText_ThrowsWithLineAndColumn(string text, int line, int column, string reason)
    {
        var error = Assert.Throws<ConfigParseException>(() => Parse(text));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"test.json5:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ErrorAfterCrLfAndSeparators_CountsLinesLikeJson5()
    {
        var error = Assert.Throws<ConfigParseException>(() => Parse("{\r\n a: 1,\r b: 2,\u2028 c: 3,\n  }}"));

        Assert.Equal((5, 4), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_NestingAtLimit_Succeeds_AndBeyondLimit_Fails()
    {
        var atLimit = new string('[', Json5Reader.MaxDepth) + new string(']', Json5Reader.MaxDepth);
        Assert.NotNull(Parse(atLimit));

        var tooDeep = new string('[', Json5Reader.MaxDepth + 1) + new string(']', Json5Reader.MaxDepth + 1);
        var error = Assert.Throws<ConfigParseException>(() => Parse(tooDeep));
        Assert.Contains("nesting too deep", error.Message, StringComparison.Ordinal);
        Assert.Equal(Json5Reader.MaxDepth + 1, error.Column);
    }

    [Fact]
    public void ParseDocument_PositionMap_NamesLineAndColumnOfValuesAndKeys()
    {
        var document = Json5Reader.ParseDocument("""
            {
              gateway: {
                port: "18789",
                'a/b': [true, { "x~y": null }],
              },
            }
            """, "openclaw.json");

        Assert.True(document.TryGetPosition("", out var line, out var column));
        Assert.Equal((1, 1), (line, column));
        Assert.True(document.TryGetPosition("/gateway/port", out line, out column));
        Assert.Equal((3, 11), (line, column));
        Assert.True(document.TryGetKeyPosition("/gateway/port", out line, out column));
        Assert.Equal((3, 5), (line, column));
        Assert.True(document.TryGetPosition("/gateway/a~1b/1", out line, out column));
        Assert.Equal((4, 19), (line, column));
        Assert.True(document.TryGetPosition("/gateway/a~1b/1/x~0y", out line, out column));
        Assert.Equal((4, 28), (line, column));
        Assert.False(document.TryGetPosition("/nope", out _, out _));
    }
}
