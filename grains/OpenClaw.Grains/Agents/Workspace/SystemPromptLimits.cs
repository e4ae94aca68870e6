namespace OpenClaw.Grains.Agents.Workspace;

/// <summary>
/// How much of the workspace's context files goes into the system prompt. Overflow rule: a file longer than
/// <see cref="PerFileChars"/> is cut with a note; once <see cref="TotalFileChars"/> is used up, later files are cut
/// or left out with a note (the order is AGENTS.md, SOUL.md, USER.md, most important first).
/// </summary>
public sealed record SystemPromptLimits(int PerFileChars = 20_000, int TotalFileChars = 60_000)
{
    public static SystemPromptLimits Default { get; } = new();
}
