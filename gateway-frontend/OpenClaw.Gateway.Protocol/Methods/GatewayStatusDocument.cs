namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// Body of HTTP <c>GET /status</c>, the REST status of the seed documents (upstream openclaw has no such route).
/// </summary>
public sealed record GatewayStatusDocument(
    string Version,
    long UptimeMs,
    GatewayListenStatus Gateway,
    IReadOnlyList<GatewayChannelStatus> Channels,
    GatewaySessionCount Sessions);

/// <summary>Where the gateway listens; <see cref="AuthMode"/> is none, token or password (never the secret).</summary>
public sealed record GatewayListenStatus(int Port, string Bind, string AuthMode);

public sealed record GatewayChannelStatus(string Id, bool Enabled, IReadOnlyList<string> Accounts);

public sealed record GatewaySessionCount(int Count);
