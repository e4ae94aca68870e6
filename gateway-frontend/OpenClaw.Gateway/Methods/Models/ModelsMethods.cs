using OpenClaw.Configuration;
using OpenClaw.Gateway.Methods.Agents;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Methods.Models;

/// <summary>
/// <c>models.list</c>: the configured model catalogue (only <c>provider</c>'s models when given); the agent's primary
/// model (the default agent's when no <c>agentId</c>) is tagged <c>default</c>. Every <c>view</c> is the configured
/// catalogue, always with details, since this gateway has no built-in catalogue; <c>refresh</c> has nothing to refresh.
/// </summary>
internal sealed class ModelsMethods(IOpenClawConfigSource config) : IRpcMethodGroup
{
    public void Map(RpcMethodTable methods)
    {
        var json = MethodsJson.Default;
        methods.Map("models.list", OperatorScopes.Read, json.ModelsListParams, json.ModelsListResult,
            (request, _, _) => Task.FromResult(List(request)));
    }

    private ModelsListResult List(ModelsListParams request)
    {
        var snapshot = config.Current.Config;
        var agent = ConfiguredAgents.Resolve(snapshot.Agents, request.AgentId);
        var defaultModel = ModelReference.Parse(ConfiguredAgents.PrimaryModel(snapshot.Agents, agent));
        var models = ModelCatalog.List(snapshot.Models, defaultModel);
        return new ModelsListResult(request.Provider is { } provider
            ? [.. models.Where(model => string.Equals(model.Provider, provider.Trim(), StringComparison.OrdinalIgnoreCase))]
            : models);
    }
}
