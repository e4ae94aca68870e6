namespace OpenClaw.Actors.RabbitMq.Status;

/// <summary>
/// Names of the dashboard beats on the broker: one fanout exchange per cluster, and the AMQP <c>type</c> of each beat.
/// Beats are transient (non-persistent, short expiration): a lost beat is replaced by the next one.
/// </summary>
internal static class StatusTopology
{
    public const string SiloBeat = "openclaw.status.silo";
    public const string FrontBeat = "openclaw.status.front";

    public static string Exchange(RabbitMqTransportOptions options) => $"{options.QueuePrefix}.status";
}
