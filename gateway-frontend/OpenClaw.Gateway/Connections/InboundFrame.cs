using System.Text.Json;

namespace OpenClaw.Gateway.Connections;

/// <summary>A parsed client frame: not JSON at all, JSON that is not a valid request, or a request.</summary>
internal abstract record InboundFrame
{
    public sealed record NotJson : InboundFrame
    {
        public static NotJson Instance { get; } = new();
    }

    /// <param name="Reasons">Schema failures, e.g. <c>must have required property 'id'; at /method: must be string</c>.</param>
    public sealed record Invalid(string Reasons) : InboundFrame;

    /// <param name="Params">Cloned out of the frame document, so it outlives it; null when absent.</param>
    public sealed record Request(string Id, string Method, JsonElement? Params) : InboundFrame;
}
