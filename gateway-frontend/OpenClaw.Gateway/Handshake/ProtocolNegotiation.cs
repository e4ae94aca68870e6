using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Handshake;

/// <summary>
/// Protocol range admission (openclaw <c>connect-admission.ts</c>): 4 must be in range, except that a node
/// (role and mode <c>node</c>) may speak 3 and a probe only needs <c>max ≥ 3</c>.
/// </summary>
internal static class ProtocolNegotiation
{
    public const int Current = 4;
    public const int MinimumProbe = 3;

    /// <returns>The protocol to report in hello-ok, or null on mismatch.</returns>
    public static int? Negotiate(ConnectParams connect, string role)
    {
        var (min, max) = (connect.MinProtocol, connect.MaxProtocol);
        if (min <= Current && Current <= max)
        {
            return Current;
        }

        var isNode = role == ConnectRoles.Node && connect.Client.Mode == ConnectClientModes.Node;
        if (isNode && min <= MinimumProbe && MinimumProbe <= max)
        {
            return MinimumProbe;
        }

        if (connect.Client.Mode == ConnectClientModes.Probe && max >= MinimumProbe)
        {
            return max >= Current ? Current : MinimumProbe;
        }

        return null;
    }

    public static ErrorShape Mismatch(ConnectParams connect) => new(ErrorCodes.InvalidRequest, "protocol mismatch")
    {
        Details = new JsonObject
        {
            ["code"] = ErrorDetailCodes.ProtocolMismatch,
            ["clientMinProtocol"] = connect.MinProtocol,
            ["clientMaxProtocol"] = connect.MaxProtocol,
            ["expectedProtocol"] = Current,
            ["minimumProbeProtocol"] = MinimumProbe,
        },
    };
}
