using RabbitMQ.Client;

namespace OpenClaw.Actors.RabbitMq;

/// <summary>Opens connections configured from <see cref="RabbitMqTransportOptions"/>.</summary>
internal static class RabbitMqConnections
{
    public static Task<IConnection> OpenAsync(RabbitMqTransportOptions options, string clientName, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(options.Uri),
            RequestedHeartbeat = options.RequestedHeartbeat,
            ClientProvidedName = clientName,
            // Recovery re-opens channels and re-registers consumers (reply-to, shard consumers) after a network failure.
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
        };
        return factory.CreateConnectionAsync(clientName, cancellationToken);
    }
}
