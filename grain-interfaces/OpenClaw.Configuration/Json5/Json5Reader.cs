using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Json5;

/// <summary>
/// Reads JSON5 (https://spec.json5.org, 1.0.0) into <see cref="JsonNode"/>s. Duplicate keys: the last one wins, as in
/// JavaScript. NaN and ±Infinity become <see cref="double"/> values; JSON cannot write them back, so callers that
/// need a finite number must reject them.
/// </summary>
public static class Json5Reader
{
    /// <summary>Objects and arrays nested deeper than this are rejected, so hostile input cannot exhaust the stack.</summary>
    public const int MaxDepth = 128;

    /// <exception cref="ConfigParseException">The text is not valid JSON5.</exception>
    public static JsonNode? Parse(string text, string sourceName) => ParseDocument(text, sourceName).Root;

    /// <exception cref="ConfigParseException">The text is not valid JSON5.</exception>
    public static Json5Document ParseDocument(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        return new Json5Parser(text, sourceName).ParseDocument();
    }
}
