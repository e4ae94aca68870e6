using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Events;

/// <summary>
/// The <c>stateVersion</c> counters carried by hello-ok, <c>presence</c> and <c>health</c>. Whoever broadcasts a new
/// health snapshot calls <see cref="NextHealth"/> and attaches the result.
/// </summary>
public sealed class GatewayStateVersions
{
    private long _presence = 1;
    private long _health = 1;

    public GatewayStateVersion Current => new(Interlocked.Read(ref _presence), Interlocked.Read(ref _health));

    public GatewayStateVersion NextPresence()
    {
        var presence = Interlocked.Increment(ref _presence);
        return new GatewayStateVersion(presence, Interlocked.Read(ref _health));
    }

    public GatewayStateVersion NextHealth()
    {
        var health = Interlocked.Increment(ref _health);
        return new GatewayStateVersion(Interlocked.Read(ref _presence), health);
    }
}
