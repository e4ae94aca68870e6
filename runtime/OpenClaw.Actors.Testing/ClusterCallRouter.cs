using OpenClaw.Actors.Calls;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.Runtime.Catalog;
using OpenClaw.Actors.Serialization;

namespace OpenClaw.Actors.Testing;

/// <summary>
/// The call path of an in-process cluster, for the client and for grain-to-grain calls: grain → shard → owning silo.
/// A call to another silo (or from the client) is encoded and decoded with <see cref="GrainCallCodec"/>, as it would be
/// on the wire; a call to the local silo goes straight to its catalog. When the target silo no longer hosts the grain
/// (hand-off, stop, kill) the call is routed again; nothing ran.
/// </summary>
internal sealed class ClusterCallRouter(ShardTable shards, InProcSilo? localSilo) : IGrainCallInvoker
{
    private readonly GrainCallCodec _codec = new();

    public async Task<object?> InvokeAsync(GrainCall call, CancellationToken cancellationToken)
    {
        var shard = ShardMap.ShardOf(call.Target, shards.ShardCount);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var owner = await shards.WaitForOwnerAsync(shard, cancellationToken).ConfigureAwait(false);
            try
            {
                if (ReferenceEquals(owner, localSilo))
                    return await owner.Dispatcher.DispatchAsync(call, cancellationToken).ConfigureAwait(false);

                var request = _codec.EncodeCall(call, Guid.NewGuid().ToString("N"));
                var response = await owner.ReceiveAsync(request, cancellationToken).ConfigureAwait(false);
                return _codec.DecodeResult(response, call);
            }
            catch (GrainNotOwnedException)
            {
                // Ownership changed between the lookup and the delivery: look the owner up again.
                await Task.Yield();
            }
        }
    }
}
