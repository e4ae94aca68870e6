using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Runtime.Catalog;

namespace OpenClaw.Actors.Runtime.Collection;

/// <summary>
/// Every <see cref="GrainCollectionOptions.CollectionQuantum"/> (on the silo's <see cref="TimeProvider"/>) deactivates
/// the activations idle for longer than <see cref="GrainCollectionOptions.CollectionAge"/>, except <c>[KeepAlive]</c>
/// grains and those inside a <c>DelayDeactivation</c> window.
/// </summary>
public sealed partial class ActivationCollector : IDisposable
{
    private readonly Lock _lock = new();
    private readonly GrainCatalog _catalog;
    private readonly TimeProvider _time;
    private readonly GrainCollectionOptions _options;
    private readonly ILogger<ActivationCollector> _logger;
    private ITimer? _timer;

    public ActivationCollector(GrainCatalog catalog, IOptions<GrainCollectionOptions> options, TimeProvider time, ILogger<ActivationCollector> logger)
    {
        _catalog = catalog;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public void Start()
    {
        lock (_lock)
        {
            _timer ??= _time.CreateTimer(static s => ((ActivationCollector)s!).Collect(), this, _options.CollectionQuantum, _options.CollectionQuantum);
        }
    }

    public void Stop()
    {
        lock (_lock)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    public void Dispose() => Stop();

    /// <summary>One collection pass; also what the timer runs.</summary>
    public int Collect()
    {
        try
        {
            var collected = _catalog.CollectIdle(_options.CollectionAge);
            if (collected > 0) LogCollected(collected);
            return collected;
        }
        catch (Exception exception)
        {
            // A timer callback has no caller: this is the owner that logs, and the next quantum tries again.
            LogCollectionFailed(exception);
            return 0;
        }
    }

    [LoggerMessage(2120, LogLevel.Debug, "Idle collection started deactivating {Count} activations")]
    private partial void LogCollected(int count);

    [LoggerMessage(2121, LogLevel.Error, "Idle collection pass failed")]
    private partial void LogCollectionFailed(Exception exception);
}
