namespace OpenClaw.Gateway.Protocol;

/// <summary>The string error codes of <see cref="ErrorShape.Code"/> (openclaw's <c>error-codes.ts</c>).</summary>
public static class ErrorCodes
{
    public const string InvalidRequest = "INVALID_REQUEST";
    public const string Forbidden = "FORBIDDEN";
    public const string NotPaired = "NOT_PAIRED";
    public const string Unavailable = "UNAVAILABLE";
    public const string ApprovalNotFound = "APPROVAL_NOT_FOUND";

    /// <summary>Deprecated upstream; kept so old payloads still map.</summary>
    public const string NotLinked = "NOT_LINKED";

    /// <summary>Deprecated upstream; kept so old payloads still map.</summary>
    public const string AgentTimeout = "AGENT_TIMEOUT";
}
