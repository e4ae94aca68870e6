namespace OpenClaw.Grains.Agents.Tools.Policy;

/// <summary>
/// One allow/deny pair (top-level <c>tools</c>, or an agent's <c>tools</c>). A tool passes when no deny entry matches
/// it and, if the allow list is not empty, an allow entry does.
/// </summary>
public sealed class ToolPolicyLayer
{
    public static ToolPolicyLayer Empty { get; } = new([], []);

    private readonly IReadOnlyList<ToolPattern> _allow;
    private readonly IReadOnlyList<ToolPattern> _deny;

    public ToolPolicyLayer(IEnumerable<string> allow, IEnumerable<string> deny)
    {
        _allow = Parse(allow);
        _deny = Parse(deny);
    }

    public bool Allows(string toolName) =>
        !_deny.Any(p => p.Matches(toolName)) && (_allow.Count == 0 || _allow.Any(p => p.Matches(toolName)));

    private static ToolPattern[] Parse(IEnumerable<string> entries) =>
        [.. entries.Where(e => !string.IsNullOrWhiteSpace(e)).Select(ToolPattern.Parse)];
}
