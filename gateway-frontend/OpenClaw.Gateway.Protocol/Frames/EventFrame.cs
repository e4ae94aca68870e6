using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>
/// <c>{type:"event", event, payload?, seq?, stateVersion?}</c>. <see cref="Seq"/> is per connection and absent only on
/// <c>connect.challenge</c>.
/// </summary>
public sealed record EventFrame(string Event, JsonElement? Payload = null, long? Seq = null, GatewayStateVersion? StateVersion = null)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; init; } = FrameTypes.Event;
}
