using System.Text.Json;

namespace OpenClaw.Actors.Runtime.Storage;

/// <summary>
/// Reads a stored document's version fields from the first bytes of its file. The storage writes <c>etag</c> and
/// <c>cleared</c> before <c>state</c>, so a conditional write can check its ETag without reading and parsing the whole
/// state; a document laid out otherwise (edited by hand) is not understood here and the caller reads it whole.
/// </summary>
internal static class StoredHeaderPrefix
{
    /// <summary>Bytes read: enough for the version fields and the start of <c>"state"</c>.</summary>
    private const int PrefixLength = 256;

    /// <summary>
    /// The header when the file's prefix holds it; null when the file must be read whole. Throws FileNotFoundException.
    /// Synchronous: one small read from the page cache costs less than the thread-pool hops of an async one.
    /// </summary>
    public static StoredGrainHeader? TryRead(string path)
    {
        Span<byte> buffer = stackalloc byte[PrefixLength];
        int length;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None))
        {
            length = stream.ReadAtLeast(buffer, PrefixLength, throwOnEndOfStream: false);
        }

        return Parse(buffer[..length], isWholeFile: length < PrefixLength);
    }

    internal static StoredGrainHeader? Parse(ReadOnlySpan<byte> prefix, bool isWholeFile)
    {
        try
        {
            var reader = new Utf8JsonReader(prefix, isFinalBlock: isWholeFile, state: default);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            string? etag = null;
            bool? cleared = null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) return etag is null ? null : new StoredGrainHeader { ETag = etag, Cleared = cleared };
                if (reader.TokenType != JsonTokenType.PropertyName) return null;
                if (reader.ValueTextEquals("state"u8)) return etag is null ? null : new StoredGrainHeader { ETag = etag, Cleared = cleared };
                var isEtag = reader.ValueTextEquals("etag"u8);
                var isCleared = reader.ValueTextEquals("cleared"u8);
                if (!isEtag && !isCleared) return null; // an unexpected field first: let the full read judge it
                if (!reader.Read()) return null;
                if (isEtag && reader.TokenType == JsonTokenType.String) etag = reader.GetString();
                else if (isCleared && reader.TokenType is JsonTokenType.True or JsonTokenType.False) cleared = reader.GetBoolean();
                else if (reader.TokenType != JsonTokenType.Null) return null;
            }

            return null; // the prefix ended inside the header
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
