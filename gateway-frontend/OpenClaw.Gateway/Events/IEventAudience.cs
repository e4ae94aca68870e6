using OpenClaw.Gateway.Auth;

namespace OpenClaw.Gateway.Events;

/// <summary>
/// Narrows a broadcast to some of the connections the scope guard admits (session scoping, client caps). Called once
/// per connection per event on the broadcasting thread: keep it cheap and non-blocking.
/// </summary>
public interface IEventAudience
{
    bool Admits(string connectionId, ConnectionPrincipal principal);
}
