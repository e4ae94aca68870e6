using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using OpenClaw.Grains.Agents.Tools;

namespace OpenClaw.Grains.Agents.Workspace;

/// <summary>
/// The system prompt of an agent run: who the agent is, the time, where its workspace is, which tools it has, the
/// workspace's context files (each and all together capped by <see cref="SystemPromptLimits"/>), and any extra
/// prompt of the run. Missing or unreadable files are skipped.
/// </summary>
public static class SystemPromptBuilder
{
    /// <summary>The workspace files injected, in this order (OpenClaw's bootstrap files that describe the agent and user).</summary>
    public static ImmutableArray<string> ContextFiles { get; } = ["AGENTS.md", "SOUL.md", "USER.md"];

    public static string Build(
        string agentId,
        string workspaceDir,
        IEnumerable<IAgentTool> tools,
        string? extraSystemPrompt,
        DateTimeOffset now,
        SystemPromptLimits? limits = null)
    {
        limits ??= SystemPromptLimits.Default;
        var prompt = new StringBuilder();
        prompt.Append(CultureInfo.InvariantCulture, $"You are the OpenClaw agent \"{agentId}\", a personal assistant running inside the OpenClaw gateway.\n\n");
        prompt.Append(CultureInfo.InvariantCulture, $"Current date and time: {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({now.UtcDateTime:dddd}).\n");
        prompt.Append(CultureInfo.InvariantCulture, $"Workspace: {workspaceDir}\n");
        prompt.Append("Relative paths in tool calls resolve against the workspace; file tools cannot reach outside it.\n");
        AppendTools(prompt, tools);
        AppendContextFiles(prompt, workspaceDir, limits);
        if (!string.IsNullOrWhiteSpace(extraSystemPrompt))
            prompt.Append("\n## Additional instructions\n\n").Append(extraSystemPrompt.Trim()).Append('\n');
        return prompt.ToString();
    }

    private static void AppendTools(StringBuilder prompt, IEnumerable<IAgentTool> tools)
    {
        var list = tools.ToList();
        if (list.Count == 0)
        {
            prompt.Append("\nNo tools are available in this session.\n");
            return;
        }
        prompt.Append("\n## Tools\n\n");
        foreach (var tool in list)
            prompt.Append("- ").Append(tool.Name).Append(": ").Append(FirstSentence(tool.Description)).Append('\n');
    }

    private static void AppendContextFiles(StringBuilder prompt, string workspaceDir, SystemPromptLimits limits)
    {
        var budget = limits.TotalFileChars;
        var header = false;
        foreach (var name in ContextFiles)
        {
            var allowed = Math.Min(limits.PerFileChars, budget);
            var (content, truncated, bytes) = ReadCapped(Path.Combine(workspaceDir, name), allowed);
            if (content is null) continue;
            if (!header)
            {
                prompt.Append("\n# Project context\n\nThese files from the workspace describe you, your user and how to work.\n");
                header = true;
            }
            prompt.Append("\n## ").Append(name).Append("\n\n");
            if (allowed <= 0)
            {
                prompt.Append(CultureInfo.InvariantCulture, $"[{name} left out: the {limits.TotalFileChars}-character budget for workspace files is used up]\n");
                continue;
            }
            prompt.Append(content.TrimEnd()).Append('\n');
            if (truncated)
                prompt.Append(CultureInfo.InvariantCulture, $"[{name} truncated: showing its first {content.Length} characters of {bytes} bytes; read the file for the rest]\n");
            budget -= content.Length;
        }
    }

    /// <summary>
    /// Up to <paramref name="maxChars"/> characters of the file, whether more followed, and its size in bytes; null
    /// when it is missing or unreadable. Only one character past the cap is read, however large the file is.
    /// </summary>
    private static (string? Content, bool Truncated, long Bytes) ReadCapped(string path, int maxChars)
    {
        if (!File.Exists(path)) return (null, false, 0);
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var buffer = new char[Math.Max(0, maxChars) + 1];
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            var truncated = read > maxChars;
            return (new string(buffer, 0, Math.Min(read, Math.Max(0, maxChars))), truncated, new FileInfo(path).Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, false, 0);
        }
    }

    private static string FirstSentence(string description)
    {
        var end = description.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? description : description[..(end + 1)];
    }
}
