using System.Globalization;

namespace OpenClaw.Configuration.Json5;

/// <summary>Character classes of the JSON5 grammar (which borrows them from ECMAScript 5.1).</summary>
internal static class Json5Chars
{
    public static bool IsLineTerminator(char c) => c is '\n' or '\r' or '\u2028' or '\u2029';

    /// <summary>JSON5 WhiteSpace: tab, VT, FF, space, NBSP, BOM, line terminators and any Unicode space separator (Zs).</summary>
    public static bool IsWhiteSpace(char c) =>
        c is '\t' or '\v' or '\f' or ' ' or '\u00A0' or '\uFEFF'
        || IsLineTerminator(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator;

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsHexDigit(char c) => char.IsAsciiHexDigit(c);

    /// <summary>ECMAScript IdentifierStart minus the escape form: UnicodeLetter, <c>$</c>, <c>_</c>.</summary>
    public static bool IsIdentifierStart(int codePoint) =>
        codePoint is '$' or '_' || CategoryOf(codePoint) is
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    /// <summary>ECMAScript IdentifierPart: IdentifierStart, combining marks, digits, connector punctuation, ZWNJ, ZWJ.</summary>
    public static bool IsIdentifierPart(int codePoint) =>
        IsIdentifierStart(codePoint) || codePoint is '\u200C' or '\u200D' || CategoryOf(codePoint) is
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;

    /// <summary>How a character is shown in an error message: quoted when printable, else as U+XXXX.</summary>
    public static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) || c == '\uFEFF'
            ? $"U+{(int)c:X4}"
            : $"'{c}'";

    private static UnicodeCategory CategoryOf(int codePoint) => CharUnicodeInfo.GetUnicodeCategory(codePoint);
}
