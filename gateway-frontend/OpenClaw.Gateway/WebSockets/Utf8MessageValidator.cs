using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace OpenClaw.Gateway.WebSockets;

/// <summary>
/// Validates a text message as UTF-8 while it arrives in pieces (RFC 6455 §8.1): a code point may be split across
/// reads and frames, so up to three bytes of an unfinished sequence are carried to the next piece. Those bytes are
/// already known to be a valid prefix, so invalid data is refused as soon as it is seen.
/// </summary>
internal struct Utf8MessageValidator
{
    private uint _pending;
    private int _pendingCount;

    /// <summary>True when no code point is left unfinished (a message may end here).</summary>
    public readonly bool IsComplete => _pendingCount == 0;

    public void Reset() => _pendingCount = 0;

    /// <returns>False when <paramref name="data"/> makes the message invalid UTF-8.</returns>
    public bool Append(ReadOnlySpan<byte> data)
    {
        if (_pendingCount > 0)
        {
            if (!FinishPending(ref data))
            {
                return false;
            }

            if (data.IsEmpty)
            {
                return true; // everything went to the pending code point, which may still be unfinished
            }
        }

        var tailStart = IncompleteTailStart(data);
        if (!Utf8.IsValid(data[..tailStart]))
        {
            return false;
        }

        return Stash(data[tailStart..]);
    }

    private bool FinishPending(ref ReadOnlySpan<byte> data)
    {
        Span<byte> joined = stackalloc byte[4];
        BitConverter.TryWriteBytes(joined, _pending);
        var taken = Math.Min(4 - _pendingCount, data.Length);
        data[..taken].CopyTo(joined[_pendingCount..]);
        var status = Rune.DecodeFromUtf8(joined[..(_pendingCount + taken)], out _, out var consumed);
        if (status == OperationStatus.NeedMoreData)
        {
            data = default;
            return Stash(joined[..(_pendingCount + taken)]);
        }

        if (status != OperationStatus.Done)
        {
            return false;
        }

        data = data[(consumed - _pendingCount)..];
        _pendingCount = 0;
        return true;
    }

    private bool Stash(ReadOnlySpan<byte> tail)
    {
        if (tail.IsEmpty)
        {
            _pendingCount = 0;
            return true;
        }

        // Only a valid beginning of a code point may wait for the rest (NeedMoreData); anything else is invalid now.
        if (Rune.DecodeFromUtf8(tail, out _, out _) != OperationStatus.NeedMoreData)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[4];
        bytes.Clear();
        tail.CopyTo(bytes);
        _pending = BitConverter.ToUInt32(bytes);
        _pendingCount = tail.Length;
        return true;
    }

    /// <summary>Where a code point that the data ends in the middle of begins, or the data's length when it ends cleanly.</summary>
    private static int IncompleteTailStart(ReadOnlySpan<byte> data)
    {
        for (var back = 1; back <= Math.Min(3, data.Length); back++)
        {
            var value = data[^back];
            if ((value & 0xC0) == 0x80)
            {
                continue; // continuation byte: the lead is further back
            }

            if (value < 0x80)
            {
                return data.Length;
            }

            var length = value >= 0xF0 ? 4 : value >= 0xE0 ? 3 : 2;
            return length > back ? data.Length - back : data.Length;
        }

        return data.Length;
    }
}
