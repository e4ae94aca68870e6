namespace OpenClaw.Gateway.Protocol;

/// <summary>Payload of <c>connect.challenge</c>: the nonce a device must sign, and the server clock in Unix ms.</summary>
public sealed record ConnectChallenge(string Nonce, long Ts, IReadOnlyList<string> Capabilities);
