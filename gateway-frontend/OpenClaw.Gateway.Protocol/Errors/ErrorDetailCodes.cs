namespace OpenClaw.Gateway.Protocol;

/// <summary>Values of <c>error.details.code</c> that the front tier itself produces.</summary>
public static class ErrorDetailCodes
{
    public const string ProtocolMismatch = "PROTOCOL_MISMATCH";
    public const string MissingScope = "MISSING_SCOPE";
    public const string PairingRequired = "PAIRING_REQUIRED";
    public const string DeviceIdentityRequired = "DEVICE_IDENTITY_REQUIRED";
    public const string AuthTokenMissing = "AUTH_TOKEN_MISSING";
    public const string AuthTokenMismatch = "AUTH_TOKEN_MISMATCH";
    public const string AuthTokenNotConfigured = "AUTH_TOKEN_NOT_CONFIGURED";
    public const string AuthPasswordMissing = "AUTH_PASSWORD_MISSING";
    public const string AuthPasswordMismatch = "AUTH_PASSWORD_MISMATCH";
    public const string AuthPasswordNotConfigured = "AUTH_PASSWORD_NOT_CONFIGURED";
    public const string AuthRateLimited = "AUTH_RATE_LIMITED";
}
