using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Events;

/// <summary>Used until a real health provider is registered: <c>{ok:true, ts}</c>.</summary>
internal sealed class MinimalHealthSnapshotProvider(TimeProvider time) : IHealthSnapshotProvider
{
    public Task<JsonNode> GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult<JsonNode>(new JsonObject { ["ok"] = true, ["ts"] = time.GetUtcNow().ToUnixTimeMilliseconds() });
}
