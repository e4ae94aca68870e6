using System.Text.Json.Nodes;

namespace OpenClaw.Gateway.Events;

/// <summary>The HealthSummary put in <c>hello-ok.snapshot.health</c> (the <c>health</c> method implements it fully).</summary>
public interface IHealthSnapshotProvider
{
    Task<JsonNode> GetAsync(CancellationToken cancellationToken);
}
