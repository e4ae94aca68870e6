using System.Text;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>
/// Turns a run's chat deltas into append-only text for clients that cannot take text back (OpenAI chunks, SSE
/// deltas). A <c>replace</c> delta that extends what was sent yields the new suffix; one that rewrites it is skipped,
/// and <see cref="Remainder"/> sends what the authoritative final text adds, so the client ends with a prefix-consistent
/// answer even when deltas were skipped or dropped.
/// </summary>
internal sealed class RunTextTracker
{
    private readonly StringBuilder _sent = new();
    private bool _diverged;

    public string Sent => _sent.ToString();

    /// <returns>The text to send now, possibly empty.</returns>
    public string Accept(string deltaText, bool replace)
    {
        if (_diverged) return "";
        if (!replace)
        {
            _sent.Append(deltaText);
            return deltaText;
        }

        var sent = _sent.ToString();
        if (!deltaText.StartsWith(sent, StringComparison.Ordinal))
        {
            _diverged = true;
            return "";
        }

        var suffix = deltaText[sent.Length..];
        _sent.Append(suffix);
        return suffix;
    }

    /// <summary>Stops accepting deltas (some were lost); the final text fills in through <see cref="Remainder"/>.</summary>
    public void Diverge() => _diverged = true;

    /// <summary>
    /// What the final text adds to what was sent (empty when it does not extend it); when nothing was sent and the
    /// final text is empty, <paramref name="placeholder"/>.
    /// </summary>
    public string Finish(string? finalText, string placeholder)
    {
        if (_sent.Length == 0 && string.IsNullOrEmpty(finalText))
        {
            _sent.Append(placeholder);
            return placeholder;
        }

        if (finalText is null) return "";
        var sent = _sent.ToString();
        if (finalText.Length <= sent.Length || !finalText.StartsWith(sent, StringComparison.Ordinal)) return "";
        var remainder = finalText[sent.Length..];
        _sent.Append(remainder);
        return remainder;
    }
}
