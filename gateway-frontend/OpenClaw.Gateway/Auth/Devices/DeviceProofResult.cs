namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>
/// Outcome of a device proof check. On failure <see cref="ErrorCode"/> is the <c>details.code</c> and
/// <see cref="Message"/> the error message the real gateway sends (with <c>INVALID_REQUEST</c>, close 1008).
/// On success <see cref="PayloadVersion"/> is <c>v3</c> or <c>v2</c>.
/// </summary>
public sealed record DeviceProofResult(bool Ok, string? ErrorCode, string? Message, string? PayloadVersion, string? DeviceId, byte[]? RawPublicKey)
{
    internal static DeviceProofResult Success(string payloadVersion, string deviceId, byte[] rawPublicKey) =>
        new(true, null, null, payloadVersion, deviceId, rawPublicKey);

    internal static DeviceProofResult Failure(DeviceProofError error) =>
        new(false, error.Code, error.Message, null, null, null);
}
