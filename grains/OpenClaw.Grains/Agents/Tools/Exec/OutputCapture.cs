using System.Text;

namespace OpenClaw.Grains.Agents.Tools.Exec;

/// <summary>
/// The combined output of a command, bounded. Overflow rule: the first <c>headBytes</c> and the last
/// <c>tailBytes</c> are kept and everything in between is dropped and counted, because the start (what ran) and the
/// end (how it failed) are what a model needs. Thread-safe: stdout and stderr readers append concurrently.
/// </summary>
public sealed class OutputCapture(int headBytes, int tailBytes)
{
    private readonly Lock _gate = new();
    private readonly byte[] _head = new byte[headBytes];
    private readonly byte[] _tail = new byte[tailBytes];
    private int _headLength;
    private long _tailWritten;
    private long _total;

    public long TotalBytes
    {
        get { lock (_gate) return _total; }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            _total += data.Length;
            var toHead = Math.Min(data.Length, _head.Length - _headLength);
            data[..toHead].CopyTo(_head.AsSpan(_headLength));
            _headLength += toHead;
            foreach (var b in data[toHead..])
            {
                if (_tail.Length == 0) break;
                _tail[_tailWritten++ % _tail.Length] = b;
            }
        }
    }

    /// <summary>The kept text (UTF-8; a character split at a cut point shows as U+FFFD) with a note where bytes were dropped.</summary>
    public string ToText()
    {
        lock (_gate)
        {
            var head = Encoding.UTF8.GetString(_head, 0, _headLength);
            if (_tailWritten == 0) return head;
            var keptTail = (int)Math.Min(_tailWritten, _tail.Length);
            var tail = new byte[keptTail];
            var start = _tailWritten - keptTail;
            for (var i = 0; i < keptTail; i++) tail[i] = _tail[(start + i) % _tail.Length];
            var dropped = _total - _headLength - keptTail;
            var joint = dropped > 0 ? $"\n[… {dropped} bytes truncated …]\n" : "";
            return head + joint + Encoding.UTF8.GetString(tail);
        }
    }
}
