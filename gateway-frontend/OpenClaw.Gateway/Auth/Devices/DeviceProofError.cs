namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>
/// A device-proof rejection as the real gateway reports it: <c>error.message</c>, <c>details.code</c> and
/// <c>details.reason</c> (the reason is what the real gateway logs as close cause and sends in details).
/// </summary>
public sealed record DeviceProofError(string Code, string Reason, string Message)
{
    public static readonly DeviceProofError PublicKeyInvalid = new("DEVICE_AUTH_PUBLIC_KEY_INVALID", "device-public-key", "device public key invalid");
    public static readonly DeviceProofError DeviceIdMismatch = new("DEVICE_AUTH_DEVICE_ID_MISMATCH", "device-id-mismatch", "device identity mismatch");
    public static readonly DeviceProofError SignatureExpired = new("DEVICE_AUTH_SIGNATURE_EXPIRED", "device-signature-stale", "device signature expired");
    public static readonly DeviceProofError NonceRequired = new("DEVICE_AUTH_NONCE_REQUIRED", "device-nonce-missing", "device nonce required");
    public static readonly DeviceProofError NonceMismatch = new("DEVICE_AUTH_NONCE_MISMATCH", "device-nonce-mismatch", "device nonce mismatch");
    public static readonly DeviceProofError SignatureInvalid = new("DEVICE_AUTH_SIGNATURE_INVALID", "device-signature", "device signature invalid");

    private static readonly DeviceProofError[] All = [PublicKeyInvalid, DeviceIdMismatch, SignatureExpired, NonceRequired, NonceMismatch, SignatureInvalid];

    /// <summary>The <c>details.reason</c> for a <see cref="DeviceProofResult.ErrorCode"/>, or null if the code is not a device-proof code.</summary>
    public static string? ReasonFor(string? code) => All.FirstOrDefault(e => e.Code == code)?.Reason;
}
