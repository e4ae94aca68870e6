using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenClaw.Configuration.Json5;

namespace OpenClaw.Configuration;

/// <summary>
/// Hides secrets before config leaves the gateway (<c>config.get</c>): values under secret-looking keys (see
/// <see cref="SecretKeys"/>) become <see cref="Sentinel"/>. A value that is only an env reference (<c>${NAME}</c>)
/// is not a secret and stays visible. Objects under secret keys (secret references) are walked, not replaced.
/// </summary>
public static partial class ConfigRedactor
{
    public const string Sentinel = "__OPENCLAW_REDACTED__";

    /// <summary>Secrets shorter than this are not searched for in free text (comments): they would match everywhere.</summary>
    public const int MinFreeTextSecretLength = 4;

    /// <summary>A redacted deep copy; the input is not changed.</summary>
    public static JsonNode Redact(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var copy = node.DeepClone();
        RedactInPlace(copy);
        return copy;
    }

    /// <summary>
    /// Replaces secrets inside the file text: string literals under secret keys or equal to a secret found in
    /// <paramref name="parsed"/> (so secrets pulled in by include or env are covered too), then any remaining
    /// occurrence of such a secret anywhere (comments). Layout and comments are otherwise kept.
    /// </summary>
    public static string RedactRaw(string raw, JsonNode parsed)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(parsed);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        CollectSecrets(parsed, secrets);
        var result = RedactLiterals(raw, secrets);
        foreach (var secret in secrets.Where(s => s.Length >= MinFreeTextSecretLength).OrderByDescending(s => s.Length))
        {
            result = result.Replace(secret, Sentinel, StringComparison.Ordinal);
        }
        return result;
    }

    private static string RedactLiterals(string raw, HashSet<string> secrets)
    {
        Json5Document document;
        try
        {
            document = Json5Reader.ParseDocument(raw, "raw");
        }
        catch (ConfigParseException)
        {
            // Unparseable text still gets the free-text pass.
            return raw;
        }
        var builder = new StringBuilder(raw);
        foreach (var literal in document.StringLiterals.OrderByDescending(l => l.Start))
        {
            var key = JsonPointer.Segments(literal.Pointer).LastOrDefault();
            var secretByKey = key is not null && SecretKeys.IsSecret(key) && IsRedactable(literal.Value);
            if (secretByKey || secrets.Contains(literal.Value))
            {
                var quote = raw[literal.Start];
                builder.Remove(literal.Start, literal.Length).Insert(literal.Start, $"{quote}{Sentinel}{quote}");
            }
        }
        return builder.ToString();
    }

    private static void RedactInPlace(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToArray())
                {
                    var value = obj[key];
                    if (SecretKeys.IsSecret(key) && value is JsonValue scalar && IsRedactable(scalar))
                    {
                        obj[key] = Sentinel;
                    }
                    else
                    {
                        RedactInPlace(value);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RedactInPlace(item);
                }
                break;
        }
    }

    private static void CollectSecrets(JsonNode? node, HashSet<string> secrets)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (SecretKeys.IsSecret(key) && value is JsonValue scalar && scalar.TryGetValue<string>(out var text) && IsRedactable(text))
                    {
                        secrets.Add(text);
                    }
                    else
                    {
                        CollectSecrets(value, secrets);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CollectSecrets(item, secrets);
                }
                break;
        }
    }

    private static bool IsRedactable(JsonValue value) =>
        !value.TryGetValue<string>(out var text) || IsRedactable(text);

    private static bool IsRedactable(string text) =>
        text.Length > 0 && text != Sentinel && !EnvReference().IsMatch(text);

    [GeneratedRegex(@"^\$\{[A-Z_][A-Z0-9_]*\}$", RegexOptions.CultureInvariant)]
    private static partial Regex EnvReference();
}
