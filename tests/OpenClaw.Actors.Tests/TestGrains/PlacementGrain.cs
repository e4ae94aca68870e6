using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenClaw.Actors.Runtime.Hosting;

namespace OpenClaw.Actors.Tests.TestGrains;

public sealed record Greeting(string Text, int Count, IReadOnlyList<string> Tags);

/// <summary>A record System.Text.Json cannot write: it must fail when it crosses a process boundary.</summary>
public sealed record NotSerializable(Type Kind);

public interface IPlacementGrain : IGrainWithStringKey
{
    /// <summary>The name of the silo hosting this activation.</summary>
    Task<string> WhereAsync();
    Task<Greeting> GreetAsync(Greeting greeting);
    Task<string> TakeAsync(NotSerializable value);
    Task<string> AskOtherWhereAsync(string otherKey);
    Task FailAsync(string code, string message);
    Task ThrowCustomAsync(string message);
}

public sealed class PlacementGrain : Grain, IPlacementGrain
{
    public Task<string> WhereAsync() =>
        Task.FromResult(ServiceProvider.GetRequiredService<IOptions<EmbeddedSiloOptions>>().Value.SiloName);

    public Task<Greeting> GreetAsync(Greeting greeting) => Task.FromResult(greeting with { Count = greeting.Count + 1 });

    public Task<string> TakeAsync(NotSerializable value) => Task.FromResult(value.Kind.Name);

    public Task<string> AskOtherWhereAsync(string otherKey) => GrainFactory.GetGrain<IPlacementGrain>(otherKey).WhereAsync();

    public Task FailAsync(string code, string message) => throw new DomainException(code, message, retryable: true);

    public Task ThrowCustomAsync(string message) => throw new CustomTestException(message);
}
