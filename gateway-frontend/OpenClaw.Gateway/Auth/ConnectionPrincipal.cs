using System.Net;

namespace OpenClaw.Gateway.Auth;

/// <summary>
/// Who is on the other end of a connection, as settled by the handshake: role, effective scopes (after clearing and
/// before implications), the client as it described itself, and where it connects from.
/// </summary>
public sealed record ConnectionPrincipal(
    string Role,
    IReadOnlyList<string> Scopes,
    string ClientId,
    string ClientMode,
    IPAddress? RemoteIp,
    bool IsLoopback)
{
    /// <summary><c>token</c>, <c>password</c>, <c>none</c> or <c>device-token</c>: what <c>hello-ok.auth.method</c> reports.</summary>
    public string AuthMethod { get; init; } = "none";
    public string? DeviceId { get; init; }
    public string? ClientVersion { get; init; }
    public string? Platform { get; init; }
    public string? DeviceFamily { get; init; }
    public string? DisplayName { get; init; }
    public string? InstanceId { get; init; }

    /// <summary>Client capability flags (<c>connect.params.caps</c>), e.g. <c>session-scoped-events</c>.</summary>
    public IReadOnlyList<string> Caps { get; init; } = [];

    public bool IsNode => Role == Protocol.ConnectRoles.Node;

    /// <summary>True when the effective scopes, with implications, include <paramref name="scope"/>.</summary>
    public bool HasScope(string scope) => OperatorScopeSet.Grants(Scopes, scope);
}
