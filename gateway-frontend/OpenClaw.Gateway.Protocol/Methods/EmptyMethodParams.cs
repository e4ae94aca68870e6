using System.Text.Json.Serialization;

namespace OpenClaw.Gateway.Protocol;

/// <summary>Params of methods that take none (<c>{}</c> or absent); any property is rejected, as upstream's closed schemas do.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record EmptyMethodParams;
