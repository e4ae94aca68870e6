using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;
using OpenClaw.Grains.Storage;

namespace OpenClaw.Grains.Transcripts;

/// <summary>
/// Transcripts as JSONL files in OpenClaw's layout, <c>&lt;stateDir&gt;/agents/&lt;agentId&gt;/sessions/&lt;sessionId&gt;.jsonl</c>.
/// An append is one write of complete lines followed by a flush to disk (unless
/// <see cref="TranscriptStoreOptions.FlushToDisk"/> is off), so after a kill -9 the file ends with whole lines or with
/// one torn line; <see cref="OpenAsync"/> cuts a torn (unterminated or unparsable) last line away, and readers ignore
/// an unterminated tail, so nobody sees half an entry. Appends go through handles kept open between appends
/// (<see cref="TranscriptAppendHandles"/>); every operation that moves, cuts or deletes a file closes its handle first.
/// </summary>
public sealed partial class JsonlTranscriptStore(
    OpenClawStatePaths paths, ILogger<JsonlTranscriptStore> logger, IOptions<TranscriptStoreOptions>? options = null) : ITranscriptStore, IDisposable
{
    private const byte NewLine = (byte)'\n';

    private readonly bool _flushToDisk = options?.Value.FlushToDisk ?? true;
    private readonly TranscriptAppendHandles _appendHandles = new();

    public string Locate(TranscriptRef transcript) => PathOf(transcript);

    public async Task<TranscriptContent> OpenAsync(TranscriptRef transcript, TranscriptHeader header, CancellationToken cancellationToken)
    {
        var path = PathOf(transcript);
        _appendHandles.Forget(path); // the file may be created or cut below
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await WriteAsync(path, FileMode.CreateNew, TranscriptLines.Serialize([header]), cancellationToken);
            return new TranscriptContent(header, []);
        }

        var bytes = await ReadAllAsync(path, cancellationToken);
        var validLength = CompleteLength(bytes);
        if (validLength < bytes.Length)
        {
            LogTornTail(path, bytes.Length - validLength);
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            stream.SetLength(validLength);
            stream.Flush(flushToDisk: true);
        }

        var content = Parse(bytes.AsSpan(0, validLength), path);
        if (content.Header is null && content.Entries.Count == 0)
        {
            await WriteAsync(path, FileMode.Append, TranscriptLines.Serialize([header]), cancellationToken);
            return new TranscriptContent(header, []);
        }

        return content;
    }

    public async Task<TranscriptContent> ReadAsync(TranscriptRef transcript, CancellationToken cancellationToken)
    {
        var path = PathOf(transcript);
        if (!File.Exists(path)) return TranscriptContent.Empty;
        byte[] bytes;
        try
        {
            bytes = await ReadAllAsync(path, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return TranscriptContent.Empty;
        }

        var terminated = bytes.AsSpan().LastIndexOf(NewLine) + 1;
        return Parse(bytes.AsSpan(0, terminated), path);
    }

    /// <summary>
    /// One positioned write of complete lines at the file's end, then a flush to the disk before the append counts as
    /// done. Synchronous: an append is small, and async file I/O would add thread-pool hops to every turn that waits.
    /// </summary>
    public Task AppendAsync(TranscriptRef transcript, IReadOnlyList<TranscriptEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0) return Task.CompletedTask;
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(transcript);
        var bytes = TranscriptLines.Serialize(entries);
        var open = _appendHandles.Take(path) ?? OpenForAppend(path);
        try
        {
            RandomAccess.Write(open.Handle, bytes, open.Length);
            if (_flushToDisk) RandomAccess.FlushToDisk(open.Handle);
        }
        catch
        {
            // How much reached the file is unknown: the next append opens it again and starts at its real end.
            open.Handle.Dispose();
            throw;
        }

        open.Length += bytes.Length;
        _appendHandles.Return(open);
        return Task.CompletedTask;
    }

    public void Dispose() => _appendHandles.Dispose();

    private static TranscriptAppendHandles.Entry OpenForAppend(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidOperationException($"Transcript '{path}' does not exist; open it before appending.", ex);
        }

        try
        {
            return new TranscriptAppendHandles.Entry(path, handle, RandomAccess.GetLength(handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public Task<string?> ArchiveAsync(TranscriptRef transcript, string suffix, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var path = PathOf(transcript);
        _appendHandles.Forget(path);
        if (!File.Exists(path)) return Task.FromResult<string?>(null);
        var stamp = TranscriptJson.FormatTimestamp(at).Replace(':', '-');
        var target = $"{path}.{suffix}.{stamp}";
        File.Move(path, target);
        return Task.FromResult<string?>(target);
    }

    public Task<bool> DeleteAsync(TranscriptRef transcript, CancellationToken cancellationToken)
    {
        var path = PathOf(transcript);
        _appendHandles.Forget(path);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    private string PathOf(TranscriptRef transcript)
    {
        if (transcript.SessionId.Length is 0 or > 128 || transcript.SessionId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            throw new ArgumentException($"'{transcript.SessionId}' is not a valid session id.", nameof(transcript));
        var sessionsDirectory = Path.GetDirectoryName(paths.SessionStorePath(transcript.AgentId))!;
        return Path.Combine(sessionsDirectory, transcript.SessionId + ".jsonl");
    }


    /// <summary>One write call of complete lines, then a flush to the disk (the header of a new or emptied transcript).</summary>
    private Task WriteAsync(string path, FileMode mode, byte[] bytes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var stream = new FileStream(path, mode, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        stream.Write(bytes);
        stream.Flush(_flushToDisk);
        return Task.CompletedTask;
    }

    private static async Task<byte[]> ReadAllAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    /// <summary>Length of the prefix made of complete lines whose last line is valid JSON (a crash tears only the last).</summary>
    private static int CompleteLength(byte[] bytes)
    {
        var end = bytes.AsSpan().LastIndexOf(NewLine) + 1;
        while (end > 0)
        {
            var lineStart = bytes.AsSpan(0, end - 1).LastIndexOf(NewLine) + 1;
            if (IsJsonObject(bytes.AsSpan(lineStart, end - 1 - lineStart))) return end;
            end = lineStart;
        }

        return 0;
    }

    private static bool IsJsonObject(ReadOnlySpan<byte> line)
    {
        if (line.Trim(" \r\t"u8).IsEmpty) return true;
        try
        {
            var reader = new Utf8JsonReader(line);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // A damaged line in the middle cannot be a torn append: skip it rather than lose the whole transcript.
    private TranscriptContent Parse(ReadOnlySpan<byte> bytes, string path) =>
        TranscriptLines.Parse(bytes, (exception, lineNumber) => LogBadLine(exception, path, lineNumber));

    [LoggerMessage(3200, LogLevel.Warning, "Transcript {Path} ended with a torn entry of {Bytes} bytes; it was cut away")]
    private partial void LogTornTail(string path, int bytes);

    [LoggerMessage(3201, LogLevel.Warning, "Transcript {Path} line {Line} is not a valid entry; skipped")]
    private partial void LogBadLine(Exception exception, string path, int line);
}
