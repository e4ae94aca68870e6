using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Handshake;

/// <summary>What the handshake decided: a principal and protocol, or an error to answer with and a close to follow.</summary>
internal abstract record AdmissionResult
{
    public sealed record Accepted(ConnectionPrincipal Principal, int Protocol) : AdmissionResult;

    public sealed record Rejected(ErrorShape Error, int CloseCode, string CloseReason) : AdmissionResult;
}
