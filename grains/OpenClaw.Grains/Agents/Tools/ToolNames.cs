namespace OpenClaw.Grains.Agents.Tools;

/// <summary>The built-in tool names, as OpenClaw names them (policy entries and model tool calls use these).</summary>
public static class ToolNames
{
    public const string Exec = "exec";
    public const string Read = "read";
    public const string Write = "write";
    public const string Edit = "edit";
    public const string SessionsList = "sessions_list";
    public const string SessionsHistory = "sessions_history";
    public const string SessionsSend = "sessions_send";
}
