namespace OpenClaw.Gateway.Rpc;

/// <summary>
/// What a handler may do to its connection besides returning the final response: answer early, and hold the
/// connection's events until then. The connection itself implements it, so a request costs no delegates of its own.
/// </summary>
internal interface IRpcConnectionSink
{
    /// <summary>Queues an extra <c>ok</c> response for <paramref name="requestId"/>; false when the connection is closing.</summary>
    bool SendInterimResponse(string requestId, ReadOnlyMemory<byte> payloadJson);

    void HoldEvents();

    void ReleaseEvents();
}
