namespace OpenClaw.Gateway.Connections;

/// <summary>The single writer of an <see cref="OutboundQueue"/>, started when work arrives for an idle queue.</summary>
internal interface IOutboundWriter
{
    /// <summary>Starts draining (now or soon, on any thread); called outside the queue's lock, once per idle → busy.</summary>
    void Wake();
}
