using System.Runtime.CompilerServices;

namespace OpenClaw.Grains.Agents.Models.Routing;

/// <summary>
/// A model stream whose first update has already arrived. Opening it is what the resilience pipeline retries:
/// once an update exists the caller may have shown it, so the rest of the stream is never retried.
/// </summary>
internal sealed class OpenedStream : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ModelStreamUpdate> _updates;
    private readonly bool _hasFirst;

    private OpenedStream(IAsyncEnumerator<ModelStreamUpdate> updates, bool hasFirst)
    {
        _updates = updates;
        _hasFirst = hasFirst;
    }

    public static async ValueTask<OpenedStream> OpenAsync(IModelClient client, ModelRequest request, CancellationToken cancellationToken)
    {
        var updates = client.StreamAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            return new OpenedStream(updates, await updates.MoveNextAsync());
        }
        catch
        {
            await updates.DisposeAsync();
            throw;
        }
    }

    public async IAsyncEnumerable<ModelStreamUpdate> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (!_hasFirst)
            yield break;
        yield return _updates.Current;
        while (await _updates.MoveNextAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return _updates.Current;
        }
    }

    public ValueTask DisposeAsync() => _updates.DisposeAsync();
}
