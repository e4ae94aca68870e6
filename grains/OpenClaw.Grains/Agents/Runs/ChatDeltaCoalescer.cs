using System.Text;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>
/// Throttles <c>chat</c> deltas: text is held until <see cref="Interval"/> has passed since the last flush or
/// <see cref="MaxChars"/> characters are waiting, and the caller flushes before tool calls and the final event. The
/// held text is bounded by <see cref="MaxChars"/> plus one model delta.
/// </summary>
public sealed class ChatDeltaCoalescer(TimeProvider time)
{
    public const int MaxChars = 256;
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly StringBuilder _pending = new();
    private long _lastFlush = long.MinValue;

    /// <summary>Adds a delta; true when the held text should be flushed now.</summary>
    public bool Add(string delta)
    {
        _pending.Append(delta);
        return _pending.Length >= MaxChars
            || _lastFlush == long.MinValue
            || time.GetElapsedTime(_lastFlush) >= Interval;
    }

    /// <summary>The held text (null when none) and the flush clock restarted.</summary>
    public string? Take()
    {
        if (_pending.Length == 0) return null;
        var text = _pending.ToString();
        _pending.Clear();
        _lastFlush = time.GetTimestamp();
        return text;
    }
}
