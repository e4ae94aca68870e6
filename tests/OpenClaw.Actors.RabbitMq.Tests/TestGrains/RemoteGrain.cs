using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Runtime.Hosting;

namespace OpenClaw.Actors.RabbitMq.Tests.TestGrains;

public sealed record Greeting(string Text, int Count, IReadOnlyList<string> Tags);

public interface IRemoteGrain : IGrainWithStringKey
{
    /// <summary>The name of the silo hosting this activation.</summary>
    Task<string> WhereAsync();
    Task<Greeting> GreetAsync(Greeting greeting);
    Task<int> IncrementAsync();
    Task FailAsync(string code, string message);
    /// <summary>Waits <paramref name="milliseconds"/> or until the call's deadline cancels it.</summary>
    Task SlowAsync(int milliseconds, CancellationToken cancellationToken = default);
    /// <summary>Asks another grain where it lives: a grain-to-grain call through the broker.</summary>
    Task<string> AskWhereAsync(string otherKey);
    /// <summary><see cref="AskWhereAsync"/> after a pause: the call to the other grain is made while this turn is in flight.</summary>
    Task<string> AskWhereLaterAsync(string otherKey, int delayMilliseconds);
}

public sealed class RemoteGrain(Activations activations) : Grain, IRemoteGrain
{
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        activations.Record(GetPrimaryKeyString(), SiloName());
        return Task.CompletedTask;
    }

    public Task<string> WhereAsync() => Task.FromResult(SiloName());

    public Task<Greeting> GreetAsync(Greeting greeting) => Task.FromResult(greeting with { Count = greeting.Count + 1 });

    public Task<int> IncrementAsync() => Task.FromResult(++_count);

    public Task FailAsync(string code, string message) => throw new DomainException(code, message, retryable: true);

    public Task SlowAsync(int milliseconds, CancellationToken cancellationToken) => Task.Delay(milliseconds, cancellationToken);

    public Task<string> AskWhereAsync(string otherKey) => GrainFactory.GetGrain<IRemoteGrain>(otherKey).WhereAsync();

    public async Task<string> AskWhereLaterAsync(string otherKey, int delayMilliseconds)
    {
        await Task.Delay(delayMilliseconds);
        return await AskWhereAsync(otherKey);
    }

    private string SiloName() => ServiceProvider.GetRequiredService<IOptions<EmbeddedSiloOptions>>().Value.SiloName;
}

/// <summary>Which silo activated which key, how often. One instance shared by all silos of a test, never static.</summary>
public sealed class Activations
{
    private readonly ConcurrentQueue<(string Key, string Silo)> _entries = new();

    public void Record(string key, string silo) => _entries.Enqueue((key, silo));

    public IReadOnlyList<string> SilosOf(string key) => _entries.Where(e => e.Key == key).Select(e => e.Silo).ToList();
}
