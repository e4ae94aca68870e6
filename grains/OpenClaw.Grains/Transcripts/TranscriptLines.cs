using System.Text.Json;

namespace OpenClaw.Grains.Transcripts;

/// <summary>
/// The JSONL form of a transcript, byte for byte what <see cref="JsonlTranscriptStore"/> writes: one JSON object per
/// line (<see cref="TranscriptJson.Options"/>), each ended by <c>\n</c>, the header line first. Shared by every
/// <see cref="ITranscriptStore"/> so files and blobs hold the same bytes.
/// </summary>
public static class TranscriptLines
{
    public const byte NewLine = (byte)'\n';

    public static byte[] Serialize<T>(IReadOnlyList<T> lines)
    {
        var buffer = new MemoryStream();
        foreach (var line in lines)
        {
            JsonSerializer.Serialize(buffer, line, TranscriptJson.Options);
            buffer.WriteByte(NewLine);
        }

        return buffer.ToArray();
    }

    /// <summary>Splits serialized lines into chunks of at most <paramref name="maxBytes"/>, cutting only after a newline.</summary>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Chunk(byte[] lines, int maxBytes)
    {
        var chunks = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        while (start < lines.Length)
        {
            var length = Math.Min(maxBytes, lines.Length - start);
            if (start + length < lines.Length)
            {
                var lastNewLine = lines.AsSpan(start, length).LastIndexOf(NewLine);
                if (lastNewLine < 0)
                    throw new InvalidOperationException(
                        $"A transcript entry of more than {maxBytes} bytes cannot be appended: one append blob block holds at most {maxBytes} bytes.");
                length = lastNewLine + 1;
            }

            chunks.Add(lines.AsMemory(start, length));
            start += length;
        }

        return chunks;
    }

    /// <summary>Length of the prefix made of complete lines whose last line is a JSON object (only the last line can be torn).</summary>
    public static int CompleteLength(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.LastIndexOf(NewLine) + 1;
        while (end > 0)
        {
            var lineStart = bytes[..(end - 1)].LastIndexOf(NewLine) + 1;
            if (IsJsonObjectOrBlank(bytes[lineStart..(end - 1)])) return end;
            end = lineStart;
        }

        return 0;
    }

    /// <summary>The header and entries of complete lines; a damaged line is reported to <paramref name="onBadLine"/> and skipped.</summary>
    public static TranscriptContent Parse(ReadOnlySpan<byte> bytes, Action<Exception, int> onBadLine)
    {
        TranscriptHeader? header = null;
        var entries = new List<TranscriptEntry>();
        var lineNumber = 0;
        while (!bytes.IsEmpty)
        {
            var newline = bytes.IndexOf(NewLine);
            var line = newline < 0 ? bytes : bytes[..newline];
            bytes = newline < 0 ? [] : bytes[(newline + 1)..];
            lineNumber++;
            if (line.Trim(" \r\t"u8).IsEmpty) continue;
            try
            {
                if (TypeOf(line) == TranscriptEntryTypes.Session)
                    header ??= JsonSerializer.Deserialize<TranscriptHeader>(line, TranscriptJson.Options);
                else if (JsonSerializer.Deserialize<TranscriptEntry>(line, TranscriptJson.Options) is { } entry)
                    entries.Add(entry);
            }
            catch (JsonException exception)
            {
                onBadLine(exception, lineNumber);
            }
        }

        return new TranscriptContent(header, entries);
    }

    private static bool IsJsonObjectOrBlank(ReadOnlySpan<byte> line)
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

    private static string? TypeOf(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("type", out var type)
            ? type.GetString()
            : null;
    }
}
