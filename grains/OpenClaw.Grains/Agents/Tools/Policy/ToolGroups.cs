using System.Collections.Frozen;
using System.Collections.Immutable;

namespace OpenClaw.Grains.Agents.Tools.Policy;

/// <summary>OpenClaw's tool groups, usable in allow/deny lists in place of the tool names they stand for.</summary>
public static class ToolGroups
{
    public const string Prefix = "group:";
    public const string FileSystem = "group:fs";
    public const string Runtime = "group:runtime";
    public const string Sessions = "group:sessions";
    /// <summary>Every built-in tool.</summary>
    public const string OpenClaw = "group:openclaw";

    public static FrozenDictionary<string, ImmutableArray<string>> Members { get; } = new Dictionary<string, ImmutableArray<string>>
    {
        [FileSystem] = [ToolNames.Read, ToolNames.Write, ToolNames.Edit],
        [Runtime] = [ToolNames.Exec],
        [Sessions] = [ToolNames.SessionsList, ToolNames.SessionsHistory, ToolNames.SessionsSend],
        [OpenClaw] = [ToolNames.Exec, ToolNames.Read, ToolNames.Write, ToolNames.Edit, ToolNames.SessionsList, ToolNames.SessionsHistory, ToolNames.SessionsSend],
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
