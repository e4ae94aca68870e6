using System.Text;

namespace OpenClaw.Bench.Client;

/// <summary>A frame turned into a short single-line text for a table cell.</summary>
internal static class ErrorText
{
    private const int MaxChars = 160;

    public static string Shorten(ReadOnlySpan<byte> frame)
    {
        var text = Encoding.UTF8.GetString(frame[..Math.Min(frame.Length, MaxChars * 4)]).ReplaceLineEndings(" ");
        return text.Length <= MaxChars ? text : text[..MaxChars] + "…";
    }
}
