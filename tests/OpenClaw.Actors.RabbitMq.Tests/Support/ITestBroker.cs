namespace OpenClaw.Actors.RabbitMq.Tests.Support;

/// <summary>A broker a <see cref="TestCluster"/> runs on: the shared one, or a test's own restartable instance.</summary>
public interface ITestBroker
{
    string Uri { get; }

    /// <summary>Deletes everything <see cref="ShardTopology"/> declared for <paramref name="prefix"/>.</summary>
    Task DeleteTopologyAsync(string prefix, int shardCount);
}
