using System.Text;
using OpenClaw.Gateway.Methods.Logs;

namespace OpenClaw.Gateway.Tests.Methods;

/// <summary>The byte-cursor rules of logs.tail, on files whose exact bytes the test controls.</summary>
public sealed class LogFileTailReaderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"openclaw-tail-{Guid.NewGuid():N}");
    private readonly string _file;

    public LogFileTailReaderTests()
    {
        Directory.CreateDirectory(_directory);
        _file = Path.Combine(_directory, "openclaw.log");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Read_MissingFile_IsEmptyAtCursorZero()
    {
        var tail = await ReadAsync(cursor: null);

        Assert.Equal((0L, 0L, false, false), (tail.Cursor, tail.Size, tail.Truncated, tail.Reset));
        Assert.Empty(tail.Lines);
    }

    [Fact]
    public async Task Read_NoCursor_ReturnsAllLinesAndCursorAtTheEnd()
    {
        await File.WriteAllTextAsync(_file, "a\nbb\nccc\n");

        var tail = await ReadAsync(cursor: null);

        Assert.Equal(["a", "bb", "ccc"], tail.Lines);
        Assert.Equal(9, tail.Cursor);
        Assert.Equal(9, tail.Size);
        Assert.False(tail.Truncated);
        Assert.False(tail.Reset);
    }

    [Fact]
    public async Task Read_MaxBytesCutsALine_DropsThePartialLineAndSaysTruncated()
    {
        await File.WriteAllTextAsync(_file, "first line\nsecond\nthird\n");

        // The 16-byte window starts inside "first line": its remainder "ine" must not come back as a line.
        var tail = await ReadAsync(cursor: null, maxBytes: 16);

        Assert.Equal(["second", "third"], tail.Lines);
        Assert.True(tail.Truncated);
        Assert.Equal(24, tail.Cursor);
    }

    [Fact]
    public async Task Read_LineStillBeingWritten_IsLeftForTheNextRead()
    {
        await File.WriteAllTextAsync(_file, "done\npartial");

        var first = await ReadAsync(cursor: null);
        await File.AppendAllTextAsync(_file, " now complete\n");
        var second = await ReadAsync(first.Cursor);

        Assert.Equal(["done"], first.Lines);
        Assert.Equal(5, first.Cursor);
        Assert.Equal(["partial now complete"], second.Lines);
        Assert.False(second.Reset);
    }

    [Fact]
    public async Task Read_CursorPastTheEnd_ResetsAndReadsTheRotatedFile()
    {
        await File.WriteAllTextAsync(_file, "new file\n");

        var tail = await ReadAsync(cursor: 10_000);

        Assert.True(tail.Reset);
        Assert.Equal(["new file"], tail.Lines);
    }

    [Fact]
    public async Task Read_CursorTooFarBehind_SkipsAheadWithResetAndTruncated()
    {
        await File.WriteAllTextAsync(_file, string.Concat(Enumerable.Range(0, 100).Select(i => $"line {i:D3}\n")));

        var tail = await ReadAsync(cursor: 0, maxBytes: 30);

        Assert.True(tail.Reset);
        Assert.True(tail.Truncated);
        Assert.Equal("line 099", tail.Lines[^1]);
        Assert.InRange(tail.Lines.Count, 1, 3);
    }

    [Fact]
    public async Task Read_MoreLinesThanLimit_KeepsTheNewest()
    {
        await File.WriteAllTextAsync(_file, "1\n2\n3\n4\n");

        var tail = await ReadAsync(cursor: null, limit: 2);

        Assert.Equal(["3", "4"], tail.Lines);
        Assert.True(tail.Truncated);
        Assert.Equal(8, tail.Cursor);
    }

    [Fact]
    public async Task Read_MultiByteText_DecodesWholeLines()
    {
        await File.WriteAllTextAsync(_file, "⇄ res ✓\n", new UTF8Encoding(false));

        var tail = await ReadAsync(cursor: null);

        Assert.Equal(["⇄ res ✓"], tail.Lines);
    }

    private Task<LogFileTail> ReadAsync(long? cursor, int limit = 500, int maxBytes = 250_000) =>
        LogFileTailReader.ReadAsync(_file, cursor, limit, maxBytes, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
}
