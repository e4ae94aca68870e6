using System.Text;

namespace OpenClaw.Gateway.Connections;

/// <summary>A close frame's payload is at most 125 bytes, 2 of them the code: reasons are cut to 123 UTF-8 bytes.</summary>
internal static class CloseReason
{
    public const int MaxBytes = 123;

    public static string Truncate(string reason)
    {
        if (Encoding.UTF8.GetByteCount(reason) <= MaxBytes)
        {
            return reason;
        }

        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in reason.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > MaxBytes)
            {
                break;
            }

            builder.Append(rune.ToString());
            used += rune.Utf8SequenceLength;
        }

        return builder.ToString();
    }
}
