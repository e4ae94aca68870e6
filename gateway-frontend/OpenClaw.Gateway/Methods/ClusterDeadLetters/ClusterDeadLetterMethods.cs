using System.Globalization;
using OpenClaw.Actors;
using OpenClaw.Actors.DeadLetters;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Methods.ClusterDeadLetters;

/// <summary>
/// <c>cluster.deadletters.list</c> and <c>cluster.deadletters.redrive</c> (operator.admin, cluster mode only): the
/// cluster's dead letters, reached through <see cref="IDeadLetterAdminGrain"/> on whichever silo owns its shard, since
/// a front node neither reads the dead-letter queue nor references the silo runtime.
/// </summary>
internal sealed class ClusterDeadLetterMethods(IGrainFactory grains) : IRpcMethodGroup
{
    public const string List = "cluster.deadletters.list";
    public const string Redrive = "cluster.deadletters.redrive";

    public void Map(RpcMethodTable methods)
    {
        var json = ClusterDeadLettersJson.Default;
        methods.Map(List, OperatorScopes.Admin, json.ClusterDeadLettersListParams, json.ClusterDeadLettersListResult, ListAsync);
        methods.Map(Redrive, OperatorScopes.Admin, json.ClusterDeadLettersRedriveParams, json.ClusterDeadLettersRedriveResult, RedriveAsync);
    }

    private IDeadLetterAdminGrain Admin => grains.GetGrain<IDeadLetterAdminGrain>(DeadLetterAdmin.Key);

    private async Task<ClusterDeadLettersListResult> ListAsync(ClusterDeadLettersListParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var limit = request.Limit ?? ClusterDeadLettersListParams.DefaultLimit;
        // One more than asked tells whether more are waiting.
        var letters = await Admin.ListAsync(limit + 1, cancellationToken);
        var shown = letters.Count > limit ? letters.Take(limit).ToList() : letters;
        var byShard = shown.Where(letter => letter.Shard is not null)
            .GroupBy(letter => letter.Shard!.Value)
            .OrderBy(group => group.Key)
            .ToDictionary(group => group.Key.ToString(CultureInfo.InvariantCulture), group => group.Count());
        return new ClusterDeadLettersListResult(shown, byShard, Truncated: letters.Count > limit);
    }

    private async Task<ClusterDeadLettersRedriveResult> RedriveAsync(ClusterDeadLettersRedriveParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var redriven = await Admin.RedriveAsync(
            request.All == true ? null : request.MessageIds,
            request.Limit ?? DeadLetterAdmin.MaxBatch,
            request.DeadlineMs ?? ClusterDeadLettersRedriveParams.DefaultDeadlineMs,
            cancellationToken);
        return new ClusterDeadLettersRedriveResult(redriven);
    }
}
