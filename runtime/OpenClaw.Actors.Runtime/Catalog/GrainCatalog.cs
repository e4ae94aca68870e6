using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Metadata;
using OpenClaw.Actors.Runtime.Activation;
using OpenClaw.Actors.Runtime.Diagnostics;

namespace OpenClaw.Actors.Runtime.Catalog;

/// <summary>
/// The activations of one silo: at most one per <see cref="GrainId"/>. Lookup is lock-free; a missing activation is
/// added as an empty shell (cheap, so a lost add race costs nothing) and activated by its first request, outside any
/// catalog lock. An activation that fails or deactivates leaves the catalog before its waiters retry, so the next
/// call creates a fresh one.
/// </summary>
public sealed partial class GrainCatalog : IGrainDispatcher, IReminderInvoker
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly GrainClassRegistry _registry;
    private readonly ILocalGrainOwnership _ownership;
    private readonly ActivationEnvironment _environment;
    private readonly TimeProvider _time;
    private readonly TimeSpan _responseTimeout;
    private readonly ILogger _logger;
    private volatile bool _stopping;

    internal GrainCatalog(
        GrainClassRegistry registry,
        ILocalGrainOwnership ownership,
        ActivationEnvironment environment,
        IOptions<GrainCallOptions> callOptions,
        ILogger<GrainCatalog> logger)
    {
        _registry = registry;
        _ownership = ownership;
        _environment = environment;
        _time = environment.Time;
        _responseTimeout = callOptions.Value.ResponseTimeout;
        _logger = logger;
        Metrics = new GrainCallMetrics(_time);
    }

    /// <summary>Calls, errors and latency per grain type of every call dispatched here (the dashboard reads them).</summary>
    public GrainCallMetrics Metrics { get; }

    public int ActivationCount => _activations.Count;

    public bool IsActive(GrainId grainId) => _activations.ContainsKey(grainId);

    public IReadOnlyCollection<GrainId> ActiveGrains => [.. _activations.Keys];

    public async Task<object?> DispatchAsync(GrainCall call, CancellationToken cancellationToken)
    {
        var classInfo = _registry.Get(call.Target.Type);
        if (!classInfo.Implements(call.Method.InterfaceType))
            throw new InvalidOperationException($"Grain type '{call.Target.Type}' ({classInfo.GrainClass.Name}) does not implement {call.Method.InterfaceType.Name}.");

        // Measured in this method rather than a wrapper, so metrics cost no extra async state machine per call.
        var started = Stopwatch.GetTimestamp();
        var failed = true;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var activation = GetOrCreate(call.Target, classInfo);
                var request = new CallRequest(call, cancellationToken);
                if (activation.TryEnqueue(request))
                {
                    var result = await request.Completion.ConfigureAwait(false);
                    failed = false;
                    return result;
                }

                // Deactivating: the call is not lost, it goes to the next activation once this one is gone.
                await activation.Deactivated.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Metrics.Record(call.Target.Type, Stopwatch.GetElapsedTime(started), failed);
        }
    }

    public async Task InvokeAsync(GrainId grainId, string reminderName, TickStatus status, CancellationToken cancellationToken)
    {
        if (!_registry.Get(grainId.Type).Implements(typeof(IRemindable)))
            throw new InvalidOperationException($"Reminder '{reminderName}' fired for grain {grainId}, but its class does not implement IRemindable.");

        var method = GrainInterfaceMetadata.For<IRemindable>().FindMethod(nameof(IRemindable.ReceiveReminder))!;
        using var deadline = new CancellationTokenSource(_responseTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var call = new GrainCall(grainId, method, [reminderName, status], _time.GetUtcNow() + _responseTimeout);
        await DispatchAsync(call, linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether an activation matching <paramref name="predicate"/> asked to stay active (<c>DelayDeactivation</c>) for
    /// background work that is still going on; moving such a grain would cut that work.
    /// </summary>
    public bool AnyBusy(Func<GrainId, bool> predicate)
    {
        var now = _time.GetUtcNow();
        foreach (var activation in _activations.Values)
        {
            if (predicate(activation.GrainId) && activation.IsKeptActive(now)) return true;
        }

        return false;
    }

    /// <summary>Deactivates the activations matching <paramref name="predicate"/> and waits until they are gone.</summary>
    public Task DeactivateAsync(Func<GrainId, bool> predicate, DeactivationReason reason, CancellationToken cancellationToken)
    {
        var deactivated = new List<Task>();
        foreach (var activation in _activations.Values.Where(a => predicate(a.GrainId)))
        {
            activation.StartDeactivation(reason);
            deactivated.Add(activation.Deactivated);
        }

        return Task.WhenAll(deactivated).WaitAsync(cancellationToken);
    }

    /// <summary>Graceful stop: no new activations, then every activation deactivates with <paramref name="reason"/>.</summary>
    public async Task DeactivateAllAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _stopping = true;
        var count = _activations.Count;
        await DeactivateAsync(static _ => true, reason, cancellationToken).ConfigureAwait(false);
        LogDeactivatedAll(count, reason.Code);
    }

    /// <summary>Abrupt stop: activations are dropped without OnDeactivateAsync; their queued calls are routed again.</summary>
    public void KillAll()
    {
        _stopping = true;
        foreach (var activation in _activations.Values) activation.Kill();
    }

    /// <summary>Starts deactivating every activation idle for longer than <paramref name="collectionAge"/>; returns how many.</summary>
    public int CollectIdle(TimeSpan collectionAge)
    {
        var now = _time.GetUtcNow();
        var reason = new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"Idle for more than {collectionAge}.");
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (!activation.IsCollectible(now, collectionAge)) continue;
            activation.StartDeactivation(reason);
            collected++;
        }

        return collected;
    }

    private GrainActivation GetOrCreate(GrainId grainId, GrainClassInfo classInfo)
    {
        if (_activations.TryGetValue(grainId, out var existing)) return existing;
        if (_stopping) throw new GrainNotOwnedException(grainId, "the silo is stopping");
        if (!_ownership.Owns(grainId)) throw new GrainNotOwnedException(grainId, "its shard belongs to another silo");

        return _activations.GetOrAdd(
            grainId,
            static (id, state) => new GrainActivation(id, state.classInfo, state.catalog._environment, state.catalog.Remove),
            (classInfo, catalog: this));
    }

    private void Remove(GrainActivation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.GrainId, activation));

    [LoggerMessage(2000, LogLevel.Information, "Deactivated {Count} activations ({Reason})")]
    private partial void LogDeactivatedAll(int count, DeactivationReasonCode reason);
}
