using System.Net;

namespace OpenClaw.Gateway.Auth;

/// <summary>Failed-auth lockout per client address, shared by the WebSocket handshake and HTTP bearer auth.</summary>
public interface IAuthRateLimiter
{
    /// <summary>Null when the client may try; else how long it stays locked out.</summary>
    TimeSpan? RetryAfter(IPAddress? client);

    void RecordFailure(IPAddress? client);

    /// <summary>A successful authentication forgets earlier failures.</summary>
    void Reset(IPAddress? client);
}
