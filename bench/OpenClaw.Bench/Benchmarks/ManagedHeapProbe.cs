using System.Text;
using System.Text.Json;
using OpenClaw.Bench.Client;

namespace OpenClaw.Bench.Benchmarks;

/// <summary>Asks the gateway for its managed heap (<c>status.processMemory</c>) over one short-lived connection, so
/// the idle rows can say how much of the RSS growth is managed objects and how much is native or retained memory.</summary>
internal static class ManagedHeapProbe
{
    private const long StatusRequestId = 2;
    private const int MaxFrames = 64;
    private static readonly byte[] StatusFrame = Encoding.UTF8.GetBytes("{\"type\":\"req\",\"id\":\"2\",\"method\":\"status\",\"params\":{}}");

    /// <returns>Heap used and committed in bytes, or null when the gateway did not say.</returns>
    public static async Task<(long Used, long Committed)?> ReadAsync(GatewayEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var connection = await GatewayConnection.OpenAsync(endpoint, cancellationToken);
        await connection.SendAsync(StatusFrame, cancellationToken);
        for (var i = 0; i < MaxFrames; i++)
        {
            if (await connection.ReceiveAsync(cancellationToken) is not { } message)
                return null;
            var header = FrameHeader.Read(message.Span);
            if (header.Kind != FrameKind.Response || header.Id != StatusRequestId)
                continue;
            await connection.CloseAsync(cancellationToken);
            using var document = JsonDocument.Parse(message);
            return document.RootElement.TryGetProperty("payload", out var payload)
                   && payload.TryGetProperty("processMemory", out var memory)
                ? (memory.GetProperty("heapUsedBytes").GetInt64(), memory.GetProperty("heapTotalBytes").GetInt64())
                : null;
        }
        return null;
    }
}
