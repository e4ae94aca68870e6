using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Rpc;

/// <summary>An expected failure whose code and message reach the client as the response's <c>error</c>.</summary>
public sealed class RpcException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
    public JsonObject? Details { get; init; }
    public bool? Retryable { get; init; }
    public int? RetryAfterMs { get; init; }
}
