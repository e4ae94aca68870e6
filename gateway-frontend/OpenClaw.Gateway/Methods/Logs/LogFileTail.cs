using System.Text;
using Microsoft.Win32.SafeHandles;

namespace OpenClaw.Gateway.Methods.Logs;

/// <summary>One read of the log file; <see cref="Cursor"/> is where the next read continues.</summary>
internal sealed record LogFileTail(long Cursor, long Size, IReadOnlyList<string> Lines, bool Truncated, bool Reset);

/// <summary>
/// Reads whole lines from a log file that is being appended to, by byte cursor (openclaw's <c>logs.tail</c> rules):
/// without a cursor, the last <c>maxBytes</c>; with one, from it; a cursor beyond the end means the file was rotated
/// (<c>reset</c>, read the new file's tail); a cursor more than <c>maxBytes</c> behind skips ahead (<c>reset</c> and
/// <c>truncated</c>). A line cut by the byte window's start is dropped, a line still being written is left for the
/// next read (the cursor stops before it), and at most <c>limit</c> lines (the newest) are returned.
/// </summary>
internal static class LogFileTailReader
{
    private const byte NewLine = (byte)'\n';

    public static async Task<LogFileTail> ReadAsync(string path, long? cursor, int limit, int maxBytes, CancellationToken cancellationToken)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return new LogFileTail(0, 0, [], Truncated: false, Reset: false);
        }

        using (handle)
        {
            var size = RandomAccess.GetLength(handle);
            var (start, truncated, reset) = Window(size, cursor, maxBytes);
            if (start >= size)
            {
                return new LogFileTail(size, size, [], truncated, reset);
            }

            var buffer = new byte[size - start];
            var read = await ReadFullyAsync(handle, buffer, start, cancellationToken).ConfigureAwait(false);
            var skip = start > 0 && !await PrecededByNewLineAsync(handle, start, cancellationToken).ConfigureAwait(false)
                ? SkipPartialLine(buffer.AsSpan(0, read))
                : 0;
            var lastNewLine = buffer.AsSpan(skip, read - skip).LastIndexOf(NewLine);
            if (lastNewLine < 0)
            {
                return new LogFileTail(start + skip, size, [], truncated || skip > 0, reset);
            }

            var complete = buffer.AsMemory(skip, lastNewLine);
            var lines = SplitLines(complete.Span);
            if (lines.Count > limit)
            {
                lines.RemoveRange(0, lines.Count - limit);
                truncated = true;
            }

            return new LogFileTail(start + skip + lastNewLine + 1, size, lines, truncated || skip > 0, reset);
        }
    }

    private static (long Start, bool Truncated, bool Reset) Window(long size, long? cursor, int maxBytes)
    {
        var tailStart = Math.Max(0, size - maxBytes);
        if (cursor is not { } position)
        {
            return (tailStart, tailStart > 0, false);
        }

        if (position > size)
        {
            return (tailStart, tailStart > 0, true);
        }

        return size - position > maxBytes ? (tailStart, true, true) : (position, false, false);
    }

    private static async Task<int> ReadFullyAsync(SafeFileHandle handle, byte[] buffer, long offset, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(total), offset + total, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static async Task<bool> PrecededByNewLineAsync(SafeFileHandle handle, long start, CancellationToken cancellationToken)
    {
        var previous = new byte[1];
        var read = await RandomAccess.ReadAsync(handle, previous, start - 1, cancellationToken).ConfigureAwait(false);
        return read == 1 && previous[0] == NewLine;
    }

    private static int SkipPartialLine(ReadOnlySpan<byte> bytes)
    {
        var newLine = bytes.IndexOf(NewLine);
        return newLine < 0 ? bytes.Length : newLine + 1;
    }

    private static List<string> SplitLines(ReadOnlySpan<byte> bytes)
    {
        var lines = new List<string>();
        foreach (var range in bytes.Split(NewLine))
        {
            var line = Encoding.UTF8.GetString(bytes[range]).TrimEnd('\r');
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
