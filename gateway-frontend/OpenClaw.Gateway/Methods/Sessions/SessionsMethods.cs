using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Methods.Agents;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;
using OpenClaw.GrainInterfaces;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Methods.Sessions;

/// <summary>
/// The read side of openclaw's sessions family: <c>sessions.list</c>, one page of an agent's session index (the
/// default agent's without <c>agentId</c>), newest first. Filtering and paging happen in the index grain.
/// </summary>
internal sealed class SessionsMethods(IOpenClawConfigSource config, IGrainFactory grains, TimeProvider time) : IRpcMethodGroup
{
    public void Map(RpcMethodTable methods)
    {
        var json = MethodsJson.Default;
        methods.Map("sessions.list", OperatorScopes.Read, json.SessionsListParams, json.SessionsListResult, ListAsync);
    }

    private async Task<SessionsListResult> ListAsync(SessionsListParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var snapshot = config.Current.Config;
        var agent = ConfiguredAgents.Resolve(snapshot.Agents, request.AgentId);
        var limit = request.Limit ?? SessionsListParams.DefaultLimit;
        var query = new SessionListQuery(
            limit,
            request.Offset ?? 0,
            request.ActiveMinutes,
            request.Search,
            request.Label,
            request.IncludeGlobal ?? true,
            request.IncludeUnknown ?? false,
            request.ArchivedFilter());

        var index = grains.GetGrain<ISessionIndexGrain>(GrainKeys.SessionIndex(agent.Id));
        var page = await index.ListAsync(query, cancellationToken).ConfigureAwait(false);
        var includeLastMessage = request.IncludeLastMessage == true;
        var rows = page.Sessions.Select(entry => SessionRows.From(entry, agent.Id, includeLastMessage)).ToList();

        return new SessionsListResult(
            Ts: time.GetUtcNow().ToUnixTimeMilliseconds(),
            Path: page.StorePath,
            Count: rows.Count,
            TotalCount: page.TotalCount,
            LimitApplied: limit,
            NextOffset: page.NextOffset,
            HasMore: page.NextOffset is not null,
            Owners: [],
            Defaults: SessionModelDefaults.For(snapshot, agent),
            Sessions: rows);
    }
}
