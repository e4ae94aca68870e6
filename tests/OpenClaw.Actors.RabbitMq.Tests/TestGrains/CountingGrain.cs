using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Runtime.Hosting;

namespace OpenClaw.Actors.RabbitMq.Tests.TestGrains;

public interface ICountingGrain : IGrainWithStringKey
{
    /// <summary>Counts one call in the grain's persisted state and records the run in the <see cref="CallLedger"/>.</summary>
    Task<int> CountAsync(string callId);

    /// <summary><see cref="CountAsync"/> after a pause, so calls pile up behind it.</summary>
    Task<int> CountAfterAsync(string callId, int delayMilliseconds);

    /// <summary>
    /// Grain-level idempotency, the pattern cluster grains use against redelivery: the operation id is stored in the same
    /// state write as its effect, so a redelivered or retried operation answers from state instead of running again.
    /// With <paramref name="holdAfterWrite"/> the turn then waits until it is cancelled: a silo killed now has written
    /// the state but never acks, so the broker redelivers the call.
    /// </summary>
    Task<int> ApplyOnceAsync(string operationId, bool holdAfterWrite, CancellationToken cancellationToken = default);

    Task<int> GetCountAsync();
}

public sealed class CountingState
{
    public int Count { get; set; }

    /// <summary>The last <see cref="CountingGrain.RecentOperationLimit"/> operation ids, oldest first.</summary>
    public List<string> RecentOperations { get; set; } = [];
}

public sealed class CountingGrain([PersistentState("counting")] IPersistentState<CountingState> state, CallLedger ledger) : Grain, ICountingGrain
{
    /// <summary>Bound of the recent-id window: an operation retried after this many newer ones would run again.</summary>
    public const int RecentOperationLimit = 256;

    public async Task<int> CountAsync(string callId)
    {
        state.State.Count++;
        await state.WriteStateAsync();
        ledger.Record(GetPrimaryKeyString(), callId, SiloName());
        return state.State.Count;
    }

    public async Task<int> CountAfterAsync(string callId, int delayMilliseconds)
    {
        await Task.Delay(delayMilliseconds);
        return await CountAsync(callId);
    }

    public async Task<int> ApplyOnceAsync(string operationId, bool holdAfterWrite, CancellationToken cancellationToken)
    {
        if (state.State.RecentOperations.Contains(operationId)) return state.State.Count;
        state.State.Count++;
        state.State.RecentOperations.Add(operationId);
        if (state.State.RecentOperations.Count > RecentOperationLimit) state.State.RecentOperations.RemoveAt(0);
        await state.WriteStateAsync(cancellationToken);
        ledger.Record(GetPrimaryKeyString(), operationId, SiloName());
        if (holdAfterWrite) await Task.Delay(Timeout.Infinite, cancellationToken);
        return state.State.Count;
    }

    public Task<int> GetCountAsync() => Task.FromResult(state.State.Count);

    private string SiloName() => ServiceProvider.GetRequiredService<IOptions<EmbeddedSiloOptions>>().Value.SiloName;
}

/// <summary>Every grain turn that ran, in order: (key, call id, silo). Shared by the silos of one test, never static.</summary>
public sealed class CallLedger
{
    private readonly ConcurrentQueue<(string Key, string CallId, string Silo)> _entries = new();

    public void Record(string key, string callId, string silo) => _entries.Enqueue((key, callId, silo));

    public int Count => _entries.Count;

    public int RunsOf(string callId) => _entries.Count(e => e.CallId == callId);

    public IReadOnlyList<(string Key, string CallId, string Silo)> Entries => [.. _entries];

    /// <summary>Call ids that ran more than once.</summary>
    public IReadOnlyList<string> Duplicates() => [.. _entries.GroupBy(e => e.CallId).Where(g => g.Count() > 1).Select(g => g.Key)];
}
