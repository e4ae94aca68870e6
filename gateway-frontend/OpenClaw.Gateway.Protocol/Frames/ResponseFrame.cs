using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary><c>{type:"res", id, ok, payload?, error?}</c>: the answer to a request, correlated by <see cref="Id"/>.</summary>
public sealed record ResponseFrame(string Id, bool Ok, JsonElement? Payload = null, ErrorShape? Error = null)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = FrameTypes.Response;
}
