namespace OpenClaw.Gateway.Logging;

/// <summary>
/// The single consumer of a <see cref="BoundedLogQueue"/>: formats records, appends them to the log file, flushes
/// once per batch, reports drops, and rotates the file by size. I/O failures never reach logging call sites: the
/// batch is lost, counted, reported on stderr (the log itself may be what is broken), and the file is reopened for
/// the next batch.
/// </summary>
internal sealed class LogFileWriter(JsonLinesFileLoggerOptions options, TimeProvider time)
{
    private const string OwnCategory = "OpenClaw.Gateway.Logging.LogFileWriter";

    private readonly LogLineFormatter _formatter = new();
    private FileStream? _stream;
    private long _size;
    private bool _failing;

    public string RotatedPath => options.FilePath + ".1";

    public async Task RunAsync(BoundedLogQueue queue)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                await WriteBatchAsync(queue).ConfigureAwait(false);
            }

            await WriteBatchAsync(queue).ConfigureAwait(false);
        }
        finally
        {
            CloseFile();
        }
    }

    private async Task WriteBatchAsync(BoundedLogQueue queue)
    {
        try
        {
            while (queue.Reader.TryRead(out var record))
            {
                await WriteLineAsync(record).ConfigureAwait(false);
            }

            var drops = queue.TakeDrops();
            if (drops > 0)
            {
                await WriteLineAsync(DropsRecord(drops)).ConfigureAwait(false);
            }

            if (_stream is not null)
            {
                await _stream.FlushAsync().ConfigureAwait(false);
            }

            _failing = false;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            CloseFile();
            if (!_failing)
            {
                _failing = true;
                await Console.Error.WriteLineAsync($"openclaw: cannot write log file {options.FilePath}: {exception.Message}")
                    .ConfigureAwait(false);
            }
        }
    }

    private async Task WriteLineAsync(LogRecord record)
    {
        var line = _formatter.Format(record);
        var stream = _stream ?? OpenFile();
        if (_size > 0 && _size + line.Length > options.MaxFileBytes)
        {
            await stream.FlushAsync().ConfigureAwait(false);
            Rotate();
            stream = OpenFile();
        }

        await stream.WriteAsync(line).ConfigureAwait(false);
        _size += line.Length;
    }

    private LogRecord DropsRecord(long drops) => new(
        time.GetUtcNow(),
        Microsoft.Extensions.Logging.LogLevel.Warning,
        OwnCategory,
        $"{drops} log records dropped (log queue full)",
        Exception: null);

    private FileStream OpenFile()
    {
        var directory = Path.GetDirectoryName(options.FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var fileOptions = new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            // Readers (logs.tail) open the file while it is written; rotation renames it while open.
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 64 * 1024,
        };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        _stream = new FileStream(options.FilePath, fileOptions);
        _size = _stream.Length;
        return _stream;
    }

    private void Rotate()
    {
        CloseFile();
        File.Move(options.FilePath, RotatedPath, overwrite: true);
    }

    private void CloseFile()
    {
        try
        {
            _stream?.Dispose();
        }
        catch (IOException)
        {
            // Flushing the tail on close failed; the batch is already lost and was reported.
        }

        _stream = null;
        _size = 0;
    }
}
