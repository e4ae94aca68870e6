using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary><c>{type:"req", id, method, params?}</c>: a client call. The server parses these by hand (see the gateway's frame parser); this record is for clients.</summary>
public sealed record RequestFrame(string Id, string Method, JsonElement? Params = null)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = FrameTypes.Request;
}
