using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Auth.Devices;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Handshake;

/// <summary>
/// Decides a <c>connect</c> request, in the real gateway's order: draining → params schema → role → protocol range →
/// rate limit → shared secret → device proof → pairing → effective scopes.
/// </summary>
internal sealed partial class ConnectAdmission(
    GatewaySettings settings,
    GatewayLifecycle lifecycle,
    IAuthRateLimiter rateLimiter,
    TimeProvider time,
    ILogger<ConnectAdmission> logger)
{
    public AdmissionResult Admit(GatewayConnection connection, JsonElement? rawParams)
    {
        if (lifecycle.IsStopping)
        {
            return Reject(Draining(), WebSocketCloseCodes.TryAgainLater);
        }

        var connect = ConnectParamsValidator.Validate(rawParams, out var reasons);
        if (connect is null)
        {
            return Reject(new ErrorShape(ErrorCodes.InvalidRequest, $"invalid connect params: {reasons}"), WebSocketCloseCodes.PolicyViolation);
        }

        var role = connect.Role ?? ConnectRoles.Operator;
        if (role is not (ConnectRoles.Operator or ConnectRoles.Node))
        {
            return Reject(new ErrorShape(ErrorCodes.InvalidRequest, "invalid role"), WebSocketCloseCodes.PolicyViolation);
        }

        if (ProtocolNegotiation.Negotiate(connect, role) is not { } protocol)
        {
            return Reject(ProtocolNegotiation.Mismatch(connect), WebSocketCloseCodes.ProtocolError);
        }

        if (rateLimiter.RetryAfter(connection.RemoteIp) is { } retryAfter)
        {
            LogRateLimited(logger, connection.Id, connection.RemoteIp?.ToString());
            return Reject(AuthErrors.RateLimited(retryAfter), WebSocketCloseCodes.PolicyViolation);
        }

        var secret = SharedSecretCheck.Check(settings, connect.Auth?.Token, connect.Auth?.Password);
        if (secret == SharedSecretResult.Mismatch || (secret == SharedSecretResult.Missing && connect.Device is null))
        {
            if (secret == SharedSecretResult.Mismatch)
            {
                rateLimiter.RecordFailure(connection.RemoteIp);
            }

            LogAuthFailed(logger, connection.Id, connection.RemoteIp?.ToString(), secret.ToString());
            return Reject(AuthErrors.SecretFailure(settings.AuthMode, secret), WebSocketCloseCodes.PolicyViolation);
        }

        string? deviceId = null;
        if (connect.Device is { } device)
        {
            var proof = VerifyDevice(connect, device, role, connection.ChallengeNonce);
            if (!proof.Ok)
            {
                LogDeviceRejected(logger, connection.Id, proof.ErrorCode);
                return Reject(DeviceFailure(proof), WebSocketCloseCodes.PolicyViolation);
            }

            deviceId = proof.DeviceId;

            // No device pairing store yet: only a loopback device that also holds the shared secret is approved
            // (silently, as the real gateway does locally); everyone else must pair first.
            var locallyApproved = connection.IsLoopback && secret is SharedSecretResult.Valid or SharedSecretResult.NotRequired;
            if (!locallyApproved)
            {
                return Reject(PairingRequired(deviceId!, role, connect.Scopes ?? []), WebSocketCloseCodes.PolicyViolation, "device pairing required");
            }
        }

        rateLimiter.Reset(connection.RemoteIp);
        var principal = new ConnectionPrincipal(
            Shared(role),
            SharedAll(EffectiveScopes(connect, role, deviceId is not null, connection.IsLoopback)),
            Shared(connect.Client.Id),
            Shared(connect.Client.Mode),
            connection.RemoteIp,
            connection.IsLoopback)
        {
            AuthMethod = settings.AuthMode,
            DeviceId = deviceId,
            ClientVersion = connect.Client.Version,
            Platform = Shared(connect.Client.Platform),
            DeviceFamily = Shared(connect.Client.DeviceFamily),
            DisplayName = connect.Client.DisplayName,
            InstanceId = connect.Client.InstanceId,
            Caps = SharedAll(connect.Caps ?? []),
        };
        return new AdmissionResult.Accepted(principal, protocol);
    }

    /// <summary>
    /// Declared scopes survive only where the real gateway keeps them: never for probes; with auth none only on
    /// loopback; for a device-less operator only for the local CLI or local backend; for an approved device always.
    /// </summary>
    private IReadOnlyList<string> EffectiveScopes(ConnectParams connect, string role, bool hasDevice, bool isLoopback)
    {
        var declared = connect.Scopes ?? [];
        var mode = connect.Client.Mode;
        if (mode == ConnectClientModes.Probe)
        {
            return [];
        }

        if (role == ConnectRoles.Node || hasDevice)
        {
            return declared;
        }

        if (settings.AuthMode == GatewayAuthModes.None)
        {
            return isLoopback ? declared : [];
        }

        var trustedLocalClient = (connect.Client.Id, mode) is (ConnectClientIds.Cli, ConnectClientModes.Cli)
            or (ConnectClientIds.GatewayClient, ConnectClientModes.Backend);
        return isLoopback && trustedLocalClient ? declared : [];
    }

    private DeviceProofResult VerifyDevice(ConnectParams connect, ConnectDevice device, string role, string nonce)
    {
        var auth = connect.Auth;
        var token = FirstPresent(auth?.Token, auth?.DeviceToken, auth?.BootstrapToken);
        var context = new DeviceProofContext(
            connect.Client.Id, connect.Client.Mode, role, connect.Scopes ?? [], token, nonce,
            connect.Client.Platform, connect.Client.DeviceFamily, time.GetUtcNow());
        return DeviceProofVerifier.Verify(new DeviceProof(device.Id, device.PublicKey, device.Signature, device.SignedAt, device.Nonce), context);
    }

    /// <summary>
    /// The principal lives as long as the connection, and its role, client id, mode, scopes and caps are nearly always
    /// one of the protocol's own literals: the literal is kept instead of the copy parsed from this connection's JSON
    /// (<see cref="string.IsInterned"/> only looks up, it never adds), which saves a few hundred bytes per connection.
    /// </summary>
    [return: NotNullIfNotNull(nameof(value))]
    private static string? Shared(string? value) => value is null ? null : string.IsInterned(value) ?? value;

    private static IReadOnlyList<string> SharedAll(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var shared = new string[values.Count];
        for (var i = 0; i < shared.Length; i++)
        {
            shared[i] = Shared(values[i]);
        }

        return shared;
    }

    private static string FirstPresent(params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        return "";
    }

    private static ErrorShape DeviceFailure(DeviceProofResult proof)
    {
        var details = new JsonObject { ["code"] = proof.ErrorCode };
        if (DeviceProofError.ReasonFor(proof.ErrorCode) is { } reason)
        {
            details["reason"] = reason;
        }

        return new ErrorShape(ErrorCodes.InvalidRequest, proof.Message ?? "device identity invalid") { Details = details };
    }

    private static ErrorShape PairingRequired(string deviceId, string role, IReadOnlyList<string> scopes) =>
        new(ErrorCodes.NotPaired, "pairing required")
        {
            Details = new JsonObject
            {
                ["code"] = ErrorDetailCodes.PairingRequired,
                ["reason"] = "not-paired",
                ["deviceId"] = deviceId,
                ["requestedRole"] = role,
                ["requestedScopes"] = new JsonArray([.. scopes.Select(s => JsonValue.Create(s))]),
                ["remediationHint"] = "Approve this device on the gateway host (openclaw devices approve), or connect from the gateway host with its token.",
            },
        };

    private static ErrorShape Draining() => new(ErrorCodes.Unavailable, "gateway restarting; retry shortly")
    {
        Details = new JsonObject { ["reason"] = "gateway-restarting" },
        Retryable = true,
        RetryAfterMs = 1000,
    };

    private static AdmissionResult.Rejected Reject(ErrorShape error, int closeCode, string? closeReason = null) =>
        new(error, closeCode, closeReason ?? error.Message);

    [LoggerMessage(1100, LogLevel.Warning, "Connection {ConnectionId} from {RemoteIp} failed shared-secret auth: {Result}")]
    private static partial void LogAuthFailed(ILogger logger, string connectionId, string? remoteIp, string result);

    [LoggerMessage(1101, LogLevel.Warning, "Connection {ConnectionId} from {RemoteIp} refused: auth rate limit")]
    private static partial void LogRateLimited(ILogger logger, string connectionId, string? remoteIp);

    [LoggerMessage(1102, LogLevel.Warning, "Connection {ConnectionId} device proof rejected: {DetailCode}")]
    private static partial void LogDeviceRejected(ILogger logger, string connectionId, string? detailCode);
}
