using OpenClaw.GrainInterfaces.Messages;

namespace OpenClaw.Grains.Agents.Models;

/// <summary>
/// Resolves <c>provider/model</c> ids from the current config (<c>models.providers</c>) and runs a model call with
/// retries, a circuit breaker per provider, and fallbacks: on a rate limit or provider error it moves to the next
/// model of the chain and records the failed attempt. No provider configured → <see cref="ModelCallException"/>
/// (<see cref="ModelErrorKind.Unavailable"/>) whose message says how to configure one.
/// </summary>
public interface IModelRouter
{
    /// <summary>Streams the first model of <paramref name="chain"/> that answers. A failure after the first update has
    /// been yielded is not retried (the caller already showed partial output).</summary>
    IAsyncEnumerable<RoutedModelUpdate> StreamAsync(ModelChain chain, ModelRequest request, CancellationToken cancellationToken);
}

/// <summary>The primary <c>provider/model</c> and its fallbacks, in order.</summary>
public sealed record ModelChain(string Primary, IReadOnlyList<string> Fallbacks)
{
    public IEnumerable<string> All => Fallbacks.Prepend(Primary);
}

/// <summary>An update with the provider/model that produced it and the attempts that failed before it.</summary>
public sealed record RoutedModelUpdate(ModelStreamUpdate Update, string Provider, string Model, IReadOnlyList<string> FailedAttempts);
