namespace OpenClaw.Grains.Agents.Tools.Policy;

/// <summary>
/// One allow/deny entry: a tool name, <c>*</c>, a glob such as <c>sessions_*</c>, or a <c>group:</c> name. Matching
/// ignores case, as OpenClaw normalises tool names to lower case. An unknown group matches nothing.
/// </summary>
public sealed class ToolPattern
{
    private readonly string _text;
    private readonly IReadOnlyList<string>? _group;

    private ToolPattern(string text, IReadOnlyList<string>? group)
    {
        _text = text;
        _group = group;
    }

    public static ToolPattern Parse(string entry)
    {
        var text = entry.Trim().ToLowerInvariant();
        if (text.StartsWith(ToolGroups.Prefix, StringComparison.Ordinal))
            return new ToolPattern(text, ToolGroups.Members.TryGetValue(text, out var members) ? members : []);
        return new ToolPattern(text, null);
    }

    public bool Matches(string toolName)
    {
        var name = toolName.ToLowerInvariant();
        if (_group is not null) return _group.Contains(name, StringComparer.Ordinal);
        return _text.Contains('*', StringComparison.Ordinal) ? GlobMatches(_text, name) : _text == name;
    }

    public override string ToString() => _text;

    /// <summary>Glob with <c>*</c> only: the pieces between stars must appear in order, anchored at both ends.</summary>
    private static bool GlobMatches(string pattern, string name)
    {
        var pieces = pattern.Split('*');
        if (!name.StartsWith(pieces[0], StringComparison.Ordinal)) return false;
        var at = pieces[0].Length;
        for (var i = 1; i < pieces.Length - 1; i++)
        {
            var found = name.IndexOf(pieces[i], at, StringComparison.Ordinal);
            if (found < 0) return false;
            at = found + pieces[i].Length;
        }
        var last = pieces[^1];
        return name.Length - at >= last.Length && name.EndsWith(last, StringComparison.Ordinal);
    }
}
