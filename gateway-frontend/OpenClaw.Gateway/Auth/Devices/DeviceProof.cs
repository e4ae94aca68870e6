namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>The <c>connect.params.device</c> block as the client sent it.</summary>
/// <param name="SignedAt">Unix milliseconds the client signed at.</param>
public sealed record DeviceProof(string Id, string PublicKey, string Signature, long SignedAt, string? Nonce);
