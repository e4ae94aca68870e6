namespace OpenClaw.Gateway.Http.Api;

/// <summary>Request body limits (openclaw: 20 MB for the OpenAI-compatible routes, 2 MB for <c>/tools/invoke</c>).</summary>
internal static class HttpBodyLimits
{
    public const long Api = 20L * 1024 * 1024;
    public const long ToolsInvoke = 2L * 1024 * 1024;
}
