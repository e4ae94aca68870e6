using OpenClaw.Actors;
using OpenClaw.Configuration;
using OpenClaw.Gateway.Methods.Sessions;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Methods.Chat;

/// <summary>
/// openclaw's chat family: <c>chat.send</c> (durable in the session grain before the ack; output streams as
/// <c>chat</c>/<c>agent</c> events), <c>chat.history</c>, <c>chat.abort</c> and <c>chat.inject</c>.
/// </summary>
internal sealed class ChatMethods(IOpenClawConfigSource config, IGrainFactory grains, RunFollowers followers) : IRpcMethodGroup
{
    public void Map(RpcMethodTable methods)
    {
        var json = SessionMethodsJson.Default;
        methods.Map("chat.send", OperatorScopes.Write, json.ChatSendParams, json.ChatSendResult, SendAsync);
        methods.Map("chat.history", OperatorScopes.Read, json.ChatHistoryParams, json.ChatHistoryResult, HistoryAsync);
        methods.Map("chat.abort", OperatorScopes.Write, json.ChatAbortParams, json.ChatAbortResult, AbortAsync);
        methods.Map("chat.inject", OperatorScopes.Admin, json.ChatInjectParams, json.ChatInjectResult, InjectAsync);
    }

    private async Task<ChatSendResult> SendAsync(ChatSendParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var target = SessionTargets.Resolve(config.Current.Config, request.SessionKey, request.AgentId);
        var command = new SendMessage
        {
            Text = request.Message,
            IdempotencyKey = request.IdempotencyKey,
            Origin = MessageOrigin.Chat,
            QueueMode = QueueModes.Parse(request.QueueMode),
            Thinking = request.Thinking,
            TimeoutMs = request.TimeoutMs is > 0 ? request.TimeoutMs : null,
            Images = ChatAttachments.ToImages(request.Attachments),
        };

        followers.Starting(context, request.IdempotencyKey, target.Key);
        context.HoldEventsUntilFirstResponse(); // the run's events must not overtake this ack
        var accepted = await Session(target).SendAsync(command, cancellationToken).ConfigureAwait(false);

        // The wire knows "started" and "in_flight"; a run queued behind the active one has started as far as the
        // caller is concerned (its events follow once it runs).
        return new ChatSendResult(accepted.RunId, accepted.Deduplicated ? RunStatuses.InFlight : RunStatuses.Started);
    }

    private async Task<ChatHistoryResult> HistoryAsync(ChatHistoryParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var snapshot = config.Current.Config;
        var target = SessionTargets.Resolve(snapshot, request.SessionKey, request.AgentId);
        var session = Session(target);
        var query = new HistoryQuery(request.Limit ?? ChatHistoryParams.DefaultLimit, request.Offset ?? 0, request.MaxChars);
        // Both reads at once: in cluster mode each is a broker round trip (a quorum-queue write before delivery), and
        // both are read-only turns of the session, so neither waits for the other.
        var pageRead = session.GetHistoryAsync(query, cancellationToken);
        var entryRead = session.GetEntryAsync(cancellationToken);
        await Task.WhenAll(pageRead, entryRead).ConfigureAwait(false);
        var (page, entry) = (await pageRead.ConfigureAwait(false), await entryRead.ConfigureAwait(false));
        var defaults = SessionModelDefaults.For(snapshot, target.AgentId);

        return new ChatHistoryResult
        {
            SessionKey = target.Key,
            SessionId = page.SessionId is { Length: > 0 } sessionId ? sessionId : null,
            Messages = page.Messages.Select(m => ChatMessageJson.HistoryRow(m.Message, m.Id, m.Seq)).ToList(),
            PendingInputs = new PendingInputsSummary([], page.PendingInputs),
            Defaults = new ChatHistoryDefaults { ModelProvider = defaults.ModelProvider, Model = defaults.Model, ContextTokens = defaults.ContextTokens },
            SessionInfo = entry is null
                ? new SessionRow(target.Key, SessionKeys.KindOf(target.Key)) { AgentId = target.AgentId }
                : SessionRows.From(entry, target.AgentId, includeLastMessage: false),
            ThinkingLevel = page.ThinkingLevel,
            HasMore = page.HasMore,
            NextOffset = page.NextOffset,
            TotalMessages = page.TotalMessages,
        };
    }

    private async Task<ChatAbortResult> AbortAsync(ChatAbortParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var target = SessionTargets.Resolve(config.Current.Config, request.SessionKey, request.AgentId);
        var result = await Session(target).AbortAsync(request.RunId, cancellationToken).ConfigureAwait(false);
        return new ChatAbortResult(true, result.Aborted, result.RunIds);
    }

    private async Task<ChatInjectResult> InjectAsync(ChatInjectParams request, RpcContext context, CancellationToken cancellationToken)
    {
        var target = SessionTargets.Resolve(config.Current.Config, request.SessionKey, request.AgentId);
        var messageId = await Session(target).InjectAsync(request.Message, request.Label, cancellationToken).ConfigureAwait(false);
        return new ChatInjectResult(true, messageId);
    }

    private IChatSessionGrain Session(SessionTarget target) => grains.GetGrain<IChatSessionGrain>(target.Key);
}
