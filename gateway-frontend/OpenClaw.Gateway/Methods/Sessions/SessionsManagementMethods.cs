using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Methods.Sessions;

/// <summary>
/// The session-management side of openclaw's sessions family: <c>sessions.preview</c> (read), <c>sessions.patch</c>
/// (write), <c>sessions.reset</c>, <c>sessions.delete</c> and <c>sessions.compact</c> (admin). Each forwards to the
/// session grain, which keeps the agent's index and publishes <c>sessions.changed</c>.
/// </summary>
internal sealed class SessionsManagementMethods(IOpenClawConfigSource config, IGrainFactory grains, TimeProvider time) : IRpcMethodGroup
{
    public void Map(RpcMethodTable methods)
    {
        var json = SessionMethodsJson.Default;
        methods.Map("sessions.preview", OperatorScopes.Read, json.SessionsPreviewParams, json.SessionsPreviewResult, PreviewAsync);
        methods.Map("sessions.patch", OperatorScopes.Write, json.SessionsPatchParams, json.SessionsPatchResult, PatchAsync);
        methods.Map("sessions.reset", OperatorScopes.Admin, json.SessionsResetParams, json.SessionsResetResult, ResetAsync);
        methods.Map("sessions.delete", OperatorScopes.Admin, json.SessionsDeleteParams, json.SessionsDeleteResult, DeleteAsync);
        methods.Map("sessions.compact", OperatorScopes.Admin, json.SessionsCompactParams, json.SessionsCompactResult, CompactAsync);
    }

    private async Task<SessionsPreviewResult> PreviewAsync(SessionsPreviewParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var limit = request.Limit ?? SessionsPreviewParams.DefaultLimit;
        var maxChars = request.MaxChars ?? SessionsPreviewParams.DefaultMaxChars;
        var previews = await Task.WhenAll(request.Keys.Select(key => PreviewOneAsync(key, limit, maxChars, cancellationToken))).ConfigureAwait(false);
        return new SessionsPreviewResult(time.GetUtcNow().ToUnixTimeMilliseconds(), previews);
    }

    /// <summary>One key's preview; a bad key or a failing session is that key's <c>error</c>, not the whole call's.</summary>
    private async Task<SessionPreviewEntry> PreviewOneAsync(string key, int limit, int maxChars, CancellationToken cancellationToken)
    {
        try
        {
            var target = SessionTargets.Resolve(config.Current.Config, key, null);
            var preview = await Session(target).PreviewAsync(limit, maxChars, cancellationToken).ConfigureAwait(false);
            return new SessionPreviewEntry(key, preview.Status, preview.Items.Select(i => new SessionPreviewItem(i.Role, i.Text)).ToList());
        }
        catch (Exception exception) when (exception is RpcException or DomainException)
        {
            return new SessionPreviewEntry(key, "error", []);
        }
    }

    private async Task<SessionsPatchResult> PatchAsync(SessionsPatchParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var target = SessionTargets.Resolve(config.Current.Config, request.Key, request.AgentId);
        var patch = new SessionPatch
        {
            Label = Text(request.Label),
            ThinkingLevel = Text(request.ThinkingLevel),
            VerboseLevel = Text(request.VerboseLevel),
            Model = Text(request.Model),
            Archived = Flag(request.Archived),
            Pinned = Flag(request.Pinned),
        };
        var entry = await Session(target).PatchAsync(patch, cancellationToken).ConfigureAwait(false);
        return new SessionsPatchResult(true, target.Key, SessionRows.From(entry, target.AgentId, includeLastMessage: false));
    }

    private async Task<SessionsResetResult> ResetAsync(SessionsResetParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var target = SessionTargets.Resolve(config.Current.Config, request.Key, request.AgentId);
        var entry = await Session(target).ResetAsync(request.Reason ?? "reset", cancellationToken).ConfigureAwait(false);
        return new SessionsResetResult(true, target.Key, SessionRows.From(entry, target.AgentId, includeLastMessage: false));
    }

    private async Task<SessionsDeleteResult> DeleteAsync(SessionsDeleteParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var target = SessionTargets.Resolve(config.Current.Config, request.Key, request.AgentId);
        var result = await Session(target).DeleteAsync(request.DeleteTranscript ?? false, request.ExpectedSessionId, cancellationToken).ConfigureAwait(false);
        return new SessionsDeleteResult(true, target.Key, result.Deleted, result.Archived);
    }

    private async Task<SessionsCompactResult> CompactAsync(SessionsCompactParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var target = SessionTargets.Resolve(config.Current.Config, request.Key, request.AgentId);
        var result = await Session(target).CompactAsync(request.MaxLines, cancellationToken).ConfigureAwait(false);
        return new SessionsCompactResult
        {
            Ok = true,
            Key = target.Key,
            Compacted = result.Compacted,
            Reason = result.Reason,
            Result = result.Compacted ? new CompactionSummary(result.TokensBefore, result.TokensAfter) : null,
        };
    }

    private IChatSessionGrain Session(SessionTarget target) => grains.GetGrain<IChatSessionGrain>(target.Key);

    private static PatchValue<string>? Text(PatchString field) => field.IsPresent ? new PatchValue<string>(field.Value) : null;

    /// <summary>Clearing a flag (<c>null</c>) turns it off.</summary>
    private static PatchValue<bool>? Flag(PatchBool field) => field.IsPresent ? new PatchValue<bool>(field.Value ?? false) : null;
}
