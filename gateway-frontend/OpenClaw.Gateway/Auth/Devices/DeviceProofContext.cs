namespace OpenClaw.Gateway.Auth.Devices;

/// <summary>What the server knows about the connect request that the device signature must cover.</summary>
/// <param name="Role">Effective role (<c>operator</c> when the client omitted it).</param>
/// <param name="Scopes">Requested scopes in the order sent.</param>
/// <param name="Token">First present of auth.token, auth.deviceToken, auth.bootstrapToken; empty if none.</param>
/// <param name="ExpectedNonce">The nonce of the <c>connect.challenge</c> this connection was sent.</param>
/// <param name="Platform">client.platform as sent (normalised here).</param>
/// <param name="DeviceFamily">client.deviceFamily as sent (normalised here).</param>
public sealed record DeviceProofContext(
    string ClientId,
    string ClientMode,
    string Role,
    IReadOnlyList<string> Scopes,
    string Token,
    string ExpectedNonce,
    string? Platform,
    string? DeviceFamily,
    DateTimeOffset Now);
