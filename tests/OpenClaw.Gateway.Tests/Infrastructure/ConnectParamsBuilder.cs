using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Tests.Infrastructure;

/// <summary>Connect params shaped like the real clients' (client notes §2).</summary>
public static class ConnectParamsBuilder
{
    public static JsonObject Cli(string? token = GatewayTestClient.DefaultToken, params string[] scopes) =>
        Build("cli", "cli", token, scopes.Length == 0 ? [OperatorScopes.Admin, OperatorScopes.Read, OperatorScopes.Write] : scopes);

    public static JsonObject Backend(string? token = GatewayTestClient.DefaultToken, params string[] scopes) =>
        Build("gateway-client", "backend", token, scopes);

    public static JsonObject Build(string clientId, string mode, string? token, IReadOnlyList<string> scopes, int minProtocol = 4, int maxProtocol = 4)
    {
        var connect = new JsonObject
        {
            ["minProtocol"] = minProtocol,
            ["maxProtocol"] = maxProtocol,
            ["client"] = new JsonObject
            {
                ["id"] = clientId,
                ["version"] = "2026.9.6",
                ["platform"] = "linux",
                ["deviceFamily"] = "Linux",
                ["mode"] = mode,
                ["instanceId"] = Guid.NewGuid().ToString(),
            },
            ["caps"] = new JsonArray(),
            ["role"] = "operator",
            ["scopes"] = new JsonArray([.. scopes.Select(s => JsonValue.Create(s))]),
        };
        if (token is not null)
        {
            connect["auth"] = new JsonObject { ["token"] = token };
        }

        return connect;
    }
}
