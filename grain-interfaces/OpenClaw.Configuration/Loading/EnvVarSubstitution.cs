using System.Text;
using System.Text.Json.Nodes;

namespace OpenClaw.Configuration.Loading;

/// <summary>
/// Replaces <c>${NAME}</c> (NAME = <c>[A-Z_][A-Z0-9_]*</c>) in string values with the variable's value. An unset or
/// empty variable stays literal and adds a warning; <c>$${NAME}</c> yields a literal <c>${NAME}</c>. Keys are never
/// substituted.
/// </summary>
internal sealed class EnvVarSubstitution(Func<string, string?> lookup, ConfigSourceMap sourceMap)
{
    private readonly List<ConfigIssue> _warnings = [];

    public IReadOnlyList<ConfigIssue> Warnings => _warnings;

    public void Apply(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToArray())
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (TrySubstitute(obj[key], childPath, out var replacement))
                    {
                        obj[key] = replacement;
                    }
                    else
                    {
                        Apply(obj[key], childPath);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var childPath = $"{path}[{i}]";
                    if (TrySubstitute(array[i], childPath, out var replacement))
                    {
                        array[i] = replacement;
                    }
                    else
                    {
                        Apply(array[i], childPath);
                    }
                }
                break;
        }
    }

    /// <summary>Substitutes one string; exposed for tests of the escaping rules.</summary>
    public string Substitute(string text, string path)
    {
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '$' && TryReadReference(text, i + 1, out var escapedName, out var escapedEnd))
            {
                result.Append("${").Append(escapedName).Append('}');
                i = escapedEnd;
            }
            else if (text[i] == '$' && TryReadReference(text, i, out var name, out var end))
            {
                var value = lookup(name);
                if (string.IsNullOrEmpty(value))
                {
                    _warnings.Add(new ConfigIssue(path, $"environment variable {name} is not set; '${{{name}}}' kept literally"));
                    result.Append(text, i, end - i);
                }
                else
                {
                    result.Append(value);
                }
                i = end;
            }
            else
            {
                result.Append(text[i++]);
            }
        }
        return result.ToString();
    }

    private bool TrySubstitute(JsonNode? node, string path, out JsonNode? replacement)
    {
        replacement = null;
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return false;
        }
        var substituted = Substitute(text, path);
        if (ReferenceEquals(substituted, text) || substituted == text)
        {
            return false;
        }
        replacement = JsonValue.Create(substituted);
        sourceMap.Transfer(node, replacement);
        return true;
    }

    /// <summary>Reads <c>${NAME}</c> starting at the <c>$</c> at <paramref name="dollar"/>.</summary>
    private static bool TryReadReference(string text, int dollar, out string name, out int end)
    {
        name = "";
        end = dollar;
        if (dollar + 2 >= text.Length || text[dollar + 1] != '{' || !IsNameStart(text[dollar + 2]))
        {
            return false;
        }
        var i = dollar + 3;
        while (i < text.Length && IsNamePart(text[i]))
        {
            i++;
        }
        if (i >= text.Length || text[i] != '}')
        {
            return false;
        }
        name = text[(dollar + 2)..i];
        end = i + 1;
        return true;
    }

    private static bool IsNameStart(char c) => c is (>= 'A' and <= 'Z') or '_';

    private static bool IsNamePart(char c) => IsNameStart(c) || char.IsAsciiDigit(c);
}
