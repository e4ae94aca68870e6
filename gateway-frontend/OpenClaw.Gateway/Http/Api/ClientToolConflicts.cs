using OpenClaw.Actors;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Tools;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>
/// Rejects client tools named like one of the agent's own tools (openclaw answers those with 400 "invalid tool
/// configuration"): the model could not tell them apart. Checked before the message is sent, so a refused request
/// leaves nothing in the session.
/// </summary>
internal static class ClientToolConflicts
{
    /// <returns>The 400 message, or null when the names are free.</returns>
    public static async Task<string?> FindAsync(IClusterClient cluster, string agentId, ClientToolSet? clientTools, CancellationToken cancellationToken)
    {
        if (clientTools is not { Tools.Count: > 0 }) return null;
        var agentTools = await cluster.GetGrain<IToolInvokerGrain>(agentId).ListAsync(cancellationToken).ConfigureAwait(false);
        var taken = clientTools.Tools.FirstOrDefault(t => agentTools.Any(a => string.Equals(a.Name, t.Name, StringComparison.Ordinal)));
        return taken is null ? null : $"invalid tool configuration: \"{taken.Name}\" is the name of one of the agent's tools";
    }
}
