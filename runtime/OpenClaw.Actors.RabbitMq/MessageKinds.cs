namespace OpenClaw.Actors.RabbitMq;

/// <summary>The AMQP <c>type</c> property of the messages in a shard queue.</summary>
public static class MessageKinds
{
    /// <summary>A grain call: a <see cref="Serialization.GrainCallEnvelope"/> as JSON, answered on its reply-to.</summary>
    public const string Call = "openclaw.call";

    /// <summary>An empty ownership probe; its only effect is that the receiving silo learns it is the shard's active consumer.</summary>
    public const string Probe = "openclaw.probe";

    /// <summary>The direct reply-to pseudo-queue.</summary>
    public const string DirectReplyTo = "amq.rabbitmq.reply-to";

    public const string JsonContentType = "application/json";
}
