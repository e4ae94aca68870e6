namespace OpenClaw.Gateway.Connections;

/// <summary>Close codes the gateway sends (spec §2 table).</summary>
internal static class WebSocketCloseCodes
{
    public const int Normal = 1000;
    public const int ProtocolError = 1002;
    public const int PolicyViolation = 1008;
    public const int MessageTooBig = 1009;
    public const int InternalError = 1011;
    public const int ServiceRestart = 1012;
    public const int TryAgainLater = 1013;
}
