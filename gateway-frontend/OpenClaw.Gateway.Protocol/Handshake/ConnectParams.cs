using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// <c>params</c> of the <c>connect</c> request. Closed schema: the gateway validates the raw JSON first (for
/// openclaw-style messages), then binds this record.
/// </summary>
public sealed record ConnectParams
{
    public required int MinProtocol { get; init; }
    public required int MaxProtocol { get; init; }
    public required ConnectClientInfo Client { get; init; }

    /// <summary><c>operator</c> (when absent) or <c>node</c>.</summary>
    public string? Role { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
    public IReadOnlyList<string>? Caps { get; init; }
    public IReadOnlyList<string>? Commands { get; init; }
    public JsonObject? Permissions { get; init; }
    public string? PathEnv { get; init; }
    public string? Locale { get; init; }
    public string? UserAgent { get; init; }
    public ConnectAuth? Auth { get; init; }
    public ConnectDevice? Device { get; init; }

    /// <summary>Sent only by clients that saw the <c>model-catalog-snapshot</c> challenge capability; not interpreted yet.</summary>
    public JsonNode? ModelCatalog { get; init; }
}

/// <summary><c>connect.params.client</c>.</summary>
public sealed record ConnectClientInfo
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string Platform { get; init; }
    public required string Mode { get; init; }
    public string? DisplayName { get; init; }
    public string? BuildId { get; init; }
    public string? DeviceFamily { get; init; }
    public string? ModelIdentifier { get; init; }
    public string? TimeZone { get; init; }
    public string? InstanceId { get; init; }
}

/// <summary><c>connect.params.auth</c>: shared secrets and issued tokens.</summary>
public sealed record ConnectAuth
{
    public string? Token { get; init; }
    public string? BootstrapToken { get; init; }
    public string? DeviceToken { get; init; }
    public string? Password { get; init; }
    public string? ApprovalRuntimeToken { get; init; }
    public string? AgentRuntimeIdentityToken { get; init; }
}

/// <summary><c>connect.params.device</c>: an Ed25519 proof over the challenge nonce.</summary>
public sealed record ConnectDevice
{
    public required string Id { get; init; }
    public required string PublicKey { get; init; }
    public required string Signature { get; init; }
    public required long SignedAt { get; init; }
    public string? Nonce { get; init; }
}
