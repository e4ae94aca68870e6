using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>Payload of the successful <c>connect</c> response.</summary>
public sealed record HelloOk(int Protocol, HelloServer Server, HelloFeatures Features, HelloSnapshot Snapshot, HelloAuth Auth, HelloPolicy Policy)
{
    public const string TypeValue = "hello-ok";

    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = TypeValue;
}

public sealed record HelloServer(string Version, string ConnId)
{
    public string? BuildId { get; init; }
    public string? BootId { get; init; }
}

public sealed record HelloFeatures(IReadOnlyList<string> Methods, IReadOnlyList<string> Events)
{
    public IReadOnlyList<string>? Capabilities { get; init; }
}

public sealed record HelloSnapshot(IReadOnlyList<PresenceEntry> Presence, JsonNode Health, GatewayStateVersion StateVersion, long UptimeMs)
{
    public SessionDefaults? SessionDefaults { get; init; }
    public string? AuthMode { get; init; }
    public string? ConfigPath { get; init; }
    public string? StateDir { get; init; }
}

public sealed record SessionDefaults(string DefaultAgentId, string MainKey, string MainSessionKey)
{
    public string? Scope { get; init; }
}

/// <summary><c>hello-ok.auth</c>: the role and the effective (not the requested) scopes.</summary>
public sealed record HelloAuth(string Role, IReadOnlyList<string> Scopes)
{
    [JsonPropertyOrder(-1)]
    public string? Method { get; init; }
    public string? DeviceToken { get; init; }
    public long? IssuedAtMs { get; init; }
}

public sealed record HelloPolicy(long MaxPayload, long MaxBufferedBytes, long TickIntervalMs);
