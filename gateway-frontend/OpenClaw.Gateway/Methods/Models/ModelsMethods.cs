using OpenClaw.Configuration;
using OpenClaw.Gateway.Methods.Agents;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Methods.Models;

/// <summary>
/// <c>models.list</c>: the configured model catalogue; the agent's primary model (the default agent's when no
/// <c>agentId</c>) is tagged <c>default</c>. <c>view</c> and <c>includeDetails</c> are accepted; every view is the
/// configured catalogue, always with details, since there is no built-in catalogue to filter.
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
        return new ModelsListResult(ModelCatalog.List(snapshot.Models, defaultModel));
    }
}
