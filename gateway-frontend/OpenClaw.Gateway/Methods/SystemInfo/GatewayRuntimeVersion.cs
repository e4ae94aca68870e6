namespace OpenClaw.Gateway.Methods.SystemInfo;

/// <summary>The openclaw release whose protocol this gateway speaks; reported as <c>runtimeVersion</c> and by <c>/status</c>.</summary>
internal static class GatewayRuntimeVersion
{
    public const string Current = "2026.9.6";
}
