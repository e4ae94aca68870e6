using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OpenClaw.Configuration.Watching;

namespace OpenClaw.Configuration;

/// <summary>
/// Holds the current snapshot. Readers see either the old or the new snapshot, never a mix (one reference swap).
/// A failing <see cref="Changed"/> handler is logged and does not stop the others.
/// </summary>
public sealed class OpenClawConfigSource(ConfigSnapshot initial, ILogger<OpenClawConfigSource>? logger = null) : IOpenClawConfigSource
{
    private readonly ILogger _logger = logger ?? NullLogger<OpenClawConfigSource>.Instance;
    private ConfigSnapshot _current = initial ?? throw new ArgumentNullException(nameof(initial));

    public ConfigSnapshot Current => Volatile.Read(ref _current);

    public event EventHandler<ConfigSnapshot>? Changed;

    /// <summary>Makes <paramref name="snapshot"/> current and raises <see cref="Changed"/> on the calling thread.</summary>
    public void Publish(ConfigSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Volatile.Write(ref _current, snapshot);
        foreach (var handler in Changed?.GetInvocationList().Cast<EventHandler<ConfigSnapshot>>() ?? [])
        {
            try
            {
                handler(this, snapshot);
            }
            catch (Exception exception)
            {
                _logger.ConfigChangeHandlerFailed(exception);
            }
        }
    }
}
