using System.Collections.Concurrent;

namespace OpenClaw.Actors.Tests.TestGrains;

/// <summary>
/// What test grains report to the test: activations, deactivations and gates the test opens. A DI singleton per silo
/// (or shared by a cluster), never static.
/// </summary>
public sealed class Probes
{
    private readonly ConcurrentDictionary<string, int> _activations = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentQueue<(string Key, DeactivationReasonCode Reason)> _deactivations = new();
    private readonly ConcurrentDictionary<string, int> _failActivations = new();

    private readonly ConcurrentDictionary<string, int> _counters = new();

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _logs = new();

    public void Log(string key, string entry) => _logs.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(entry);

    public IReadOnlyList<string> Entries(string key) => [.. _logs.GetOrAdd(key, _ => new ConcurrentQueue<string>())];

    public void Increment(string name) => _counters.AddOrUpdate(name, 1, (_, n) => n + 1);

    public int Count(string name) => _counters.GetValueOrDefault(name);

    public void OnActivated(string key) => _activations.AddOrUpdate(key, 1, (_, n) => n + 1);

    public int Activations(string key) => _activations.GetValueOrDefault(key);

    public void OnDeactivated(string key, DeactivationReasonCode reason) => _deactivations.Enqueue((key, reason));

    public IReadOnlyList<DeactivationReasonCode> Deactivations(string key) =>
        _deactivations.Where(d => d.Key == key).Select(d => d.Reason).ToList();

    public Task Gate(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Open(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void FailNextActivations(string key, int count) => _failActivations[key] = count;

    public bool ShouldFailActivation(string key)
    {
        while (true)
        {
            var remaining = _failActivations.GetValueOrDefault(key);
            if (remaining <= 0) return false;
            if (_failActivations.TryUpdate(key, remaining - 1, remaining)) return true;
        }
    }
}
