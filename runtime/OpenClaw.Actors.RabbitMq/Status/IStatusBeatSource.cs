namespace OpenClaw.Actors.RabbitMq.Status;

/// <summary>Builds this node's beat (a silo's or a front's report as JSON) each time one is due.</summary>
internal interface IStatusBeatSource
{
    /// <summary>The AMQP <c>type</c> of the beat: <see cref="StatusTopology.SiloBeat"/> or <see cref="StatusTopology.FrontBeat"/>.</summary>
    string Kind { get; }

    byte[] Build();
}
