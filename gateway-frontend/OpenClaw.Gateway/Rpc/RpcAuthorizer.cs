using System.Text.Json.Nodes;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Rpc;

/// <summary>
/// The per-request check of openclaw <c>server-methods.ts</c>: health is always allowed; role next (node methods need
/// role node, everything else operator); nodes skip scopes; admin passes; otherwise the method's scope (with
/// implications). Methods this gateway does not know count as admin-scoped, so only admins learn they are unknown.
/// </summary>
internal static class RpcAuthorizer
{
    public const string HealthMethod = "health";

    /// <returns>Null when allowed; else the error to answer with.</returns>
    public static ErrorShape? Authorize(ConnectionPrincipal principal, string method, RpcMethodDescriptor? descriptor)
    {
        var scope = descriptor?.Scope ?? OperatorScopes.Admin;
        if (descriptor is not null && (method == HealthMethod || scope == RpcScopes.Open))
        {
            return null;
        }

        var nodeMethod = scope == RpcScopes.Node;
        if (nodeMethod != principal.IsNode)
        {
            return new ErrorShape(ErrorCodes.InvalidRequest, $"unauthorized role: {principal.Role}");
        }

        if (principal.IsNode || principal.HasScope(OperatorScopes.Admin) || principal.HasScope(scope))
        {
            return null;
        }

        return new ErrorShape(ErrorCodes.Forbidden, $"missing scope: {scope}")
        {
            Details = new JsonObject
            {
                ["code"] = ErrorDetailCodes.MissingScope,
                ["missingScope"] = scope,
                ["requiredScopes"] = new JsonArray(scope),
            },
        };
    }
}
