using System.Text.Json.Nodes;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Auth;

/// <summary>The connect-time auth failures exactly as the real gateway words them (capture 03/04/07).</summary>
internal static class AuthErrors
{
    public static ErrorShape SecretFailure(string authMode, SharedSecretResult result)
    {
        var password = authMode == GatewayAuthModes.Password;
        var missing = result == SharedSecretResult.Missing;
        var (code, reason, message) = (password, missing) switch
        {
            (false, false) => (ErrorDetailCodes.AuthTokenMismatch, "token_mismatch",
                "unauthorized: gateway token mismatch (use this gateway's gateway.auth.token or pair the device)"),
            (false, true) => (ErrorDetailCodes.AuthTokenMissing, "token_missing",
                "unauthorized: gateway token missing (use this gateway's gateway.auth.token or pair the device)"),
            (true, false) => (ErrorDetailCodes.AuthPasswordMismatch, "password_mismatch",
                "unauthorized: gateway password mismatch (use this gateway's gateway.auth.password)"),
            (true, true) => (ErrorDetailCodes.AuthPasswordMissing, "password_missing",
                "unauthorized: gateway password missing (use this gateway's gateway.auth.password)"),
        };

        return new ErrorShape(ErrorCodes.InvalidRequest, message)
        {
            Details = Details(code, reason, "update_auth_credentials"),
        };
    }

    public static ErrorShape RateLimited(TimeSpan retryAfter)
    {
        var retryAfterMs = (int)Math.Ceiling(retryAfter.TotalMilliseconds);
        return new ErrorShape(ErrorCodes.InvalidRequest, "unauthorized: too many failed authentication attempts (retry later)")
        {
            Details = Details(ErrorDetailCodes.AuthRateLimited, "rate_limited", "wait_then_retry"),
            Retryable = true,
            RetryAfterMs = retryAfterMs,
        };
    }

    private static JsonObject Details(string code, string authReason, string nextStep) => new()
    {
        ["code"] = code,
        ["authReason"] = authReason,
        ["canRetryWithDeviceToken"] = false,
        ["recommendedNextStep"] = nextStep,
    };
}
