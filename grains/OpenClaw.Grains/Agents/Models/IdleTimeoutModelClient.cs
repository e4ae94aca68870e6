using System.Runtime.CompilerServices;

namespace OpenClaw.Grains.Agents.Models;

/// <summary>
/// Applies a provider's <c>timeoutSeconds</c> as an idle timeout: the call fails with
/// <see cref="ModelErrorKind.Timeout"/> when the provider sends nothing (no headers, no next chunk) for that long.
/// A long answer that keeps streaming is never cut; the time the consumer spends on an update is not counted.
/// </summary>
internal sealed class IdleTimeoutModelClient(IModelClient inner, string providerId, TimeSpan timeout, TimeProvider time) : IModelClient
{
    public async IAsyncEnumerable<ModelStreamUpdate> StreamAsync(ModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        await using var updates = inner.StreamAsync(request, linked.Token).GetAsyncEnumerator(linked.Token);
        while (true)
        {
            bool more;
            try
            {
                more = await updates.MoveNextAsync();
            }
            catch (Exception exception) when (idle.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ModelCallException(ModelErrorKind.Timeout,
                    $"{providerId}/{request.Model}: no response for {timeout.TotalSeconds:0.###} s (models.providers.{providerId}.timeoutSeconds)", exception);
            }
            if (!more)
                yield break;
            idle.CancelAfter(Timeout.InfiniteTimeSpan);
            yield return updates.Current;
            idle.CancelAfter(timeout);
        }
    }
}
