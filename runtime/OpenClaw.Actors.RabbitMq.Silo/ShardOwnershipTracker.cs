using Microsoft.Extensions.Logging;
using OpenClaw.Actors.Placement;
using OpenClaw.Actors.Runtime.Catalog;

namespace OpenClaw.Actors.RabbitMq.Silo;

/// <summary>
/// Applies ownership changes seen by the shard receivers to <see cref="RabbitMqShardOwnership"/>, logs them, and when a
/// shard is lost outside a silo stop (connection or channel failure) deactivates this silo's grains of that shard, so
/// the new owner's activation is the only one left. Deactivations are tracked and their failures logged.
/// </summary>
internal sealed partial class ShardOwnershipTracker(RabbitMqShardOwnership ownership, GrainCatalog catalog, ILogger logger)
{
    private readonly ILogger _logger = logger;
    private readonly InFlightCalls _deactivations = new();
    private volatile bool _stopping;

    public void Delivered(int shard)
    {
        if (_stopping) return;
        if (ownership.Gain(shard)) LogGained(shard);
    }

    public void Lost(int shard, string reason)
    {
        if (!ownership.Lose(shard)) return;
        LogLost(shard, reason);
        if (!_stopping) _deactivations.Track(DeactivateShardAsync(shard));
    }

    /// <summary>Gives one shard up on purpose (hand-off): the caller deactivates its grains itself. True when it was owned.</summary>
    public bool Release(int shard)
    {
        var owned = ownership.Lose(shard);
        if (owned) LogLost(shard, "handed off");
        return owned;
    }

    /// <summary>The silo is stopping: every shard is given up at once, and its own stop deactivates all grains.</summary>
    public IReadOnlyList<int> StopAndReleaseAll()
    {
        _stopping = true;
        var released = ownership.OwnedShards;
        foreach (var shard in released) ownership.Lose(shard);
        return released;
    }

    public Task WhenDeactivationsDoneAsync(CancellationToken cancellationToken) => _deactivations.WhenIdleAsync(cancellationToken);

    private async Task DeactivateShardAsync(int shard)
    {
        try
        {
            var reason = new DeactivationReason(DeactivationReasonCode.Migrating, $"Shard {shard} is no longer delivered to this silo.");
            await catalog.DeactivateAsync(id => ShardMap.ShardOf(id, ownership.ShardCount) == shard, reason, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogDeactivationFailed(exception, shard);
        }
    }

    [LoggerMessage(2740, LogLevel.Information, "Shard {Shard}: this silo is now its active consumer")]
    private partial void LogGained(int shard);

    [LoggerMessage(2741, LogLevel.Information, "Shard {Shard}: this silo is no longer its consumer ({Reason})")]
    private partial void LogLost(int shard, string reason);

    [LoggerMessage(2742, LogLevel.Error, "Shard {Shard}: deactivating this silo's grains of the lost shard failed")]
    private partial void LogDeactivationFailed(Exception exception, int shard);
}
