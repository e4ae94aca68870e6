using System.Globalization;
using Microsoft.AspNetCore.Http;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Sessions;

/// <summary>
/// The query of <c>GET /sessions/{key}/history</c>, read as openclaw reads it (<c>sessions-history-http.ts</c>), never
/// an error: <c>limit</c> is parsed like JavaScript's <c>parseInt</c> and clamped to 1–1000 (unparsable is 1);
/// <c>cursor</c> is a transcript seq (<c>N</c> or <c>seq:N</c>, N ≥ 1) and the page holds the messages before it;
/// anything else is ignored. Without a limit the newest <see cref="DefaultLimit"/> messages are sent (openclaw: all).
/// Text parts are cut at <see cref="MaxChars"/> (openclaw's display cap, which also appends a truncation marker).
/// </summary>
internal sealed record SessionHistoryRequest(int? Limit, long? Cursor)
{
    public const int MaxLimit = 1000;
    public const int DefaultLimit = MaxLimit;
    public const int MaxChars = 8_000;

    /// <summary>Neither limit nor cursor: the SSE stream sends each new message as a <c>message</c> event.</summary>
    public bool IsInline => Limit is null && Cursor is null;

    public HistoryQuery Query => new(Limit ?? DefaultLimit, MaxChars: MaxChars) { BeforeSeq = Cursor };

    /// <summary>The newest <paramref name="limit"/> messages, cut like a page.</summary>
    public static HistoryQuery Newest(int limit) => new(limit, MaxChars: MaxChars);

    public static SessionHistoryRequest From(IQueryCollection query) => new(ParseLimit(query["limit"].ToString()), ParseCursor(query["cursor"].ToString()));

    private static int? ParseLimit(string raw)
    {
        var text = raw.Trim();
        if (text.Length == 0) return null;
        var sign = text[0] is '-' or '+' ? 1 : 0;
        var digits = sign;
        while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
        if (digits == sign || text[0] == '-') return 1;
        return long.TryParse(text.AsSpan(sign, digits - sign), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? (int)Math.Clamp(value, 1, MaxLimit)
            : MaxLimit;
    }

    private static long? ParseCursor(string raw)
    {
        var text = raw.Trim();
        if (text.StartsWith("seq:", StringComparison.Ordinal)) text = text[4..];
        return text.Length > 0 && text.All(char.IsAsciiDigit)
               && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > 0
            ? seq
            : null;
    }
}
