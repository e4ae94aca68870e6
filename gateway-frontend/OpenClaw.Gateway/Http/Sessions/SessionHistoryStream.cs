using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OpenClaw.Actors;
using OpenClaw.Actors.Streams;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Sessions;

/// <summary>
/// The SSE form of session history, as openclaw streams it: <c>retry: 1000</c>, <c>event: history</c> with the
/// requested page, then, whenever the transcript grows, either one <c>event: message</c>
/// (<c>{sessionKey, message, messageId, messageSeq}</c>) per new message (no <c>limit</c> and no <c>cursor</c>) or a
/// fresh <c>history</c> event of the same page (with either); a reset session gets a fresh <c>history</c> event too.
/// An idle stream gets a <c>: keepalive</c> comment every <see cref="HttpApiOptions.KeepAliveInterval"/>.
/// <para>
/// New messages are read back from the transcript, so what the stream sends is exactly what the history holds (user
/// turns, tool results and replies, with their ids and seqs) and nothing is buffered per client: the session's events
/// only raise a signal of capacity one (a pending signal already covers any later change). The subscription is taken
/// before the page is read, so no change falls between the two.
/// </para>
/// </summary>
internal sealed class SessionHistoryStream(IClusterClient cluster, IOptions<HttpApiOptions> options, TimeProvider time)
{
    /// <summary>openclaw's reconnection delay for this stream.</summary>
    public static readonly TimeSpan ClientRetry = TimeSpan.FromSeconds(1);

    /// <summary>Messages read per check for new ones; more new messages than this at once send a fresh page instead.</summary>
    public const int TailWindow = 64;

    private readonly HttpApiOptions _options = options.Value;

    /// <returns>404 when the session does not exist; otherwise the stream runs until the client leaves.</returns>
    public async Task<IResult> WriteAsync(HttpContext http, string sessionKey, IChatSessionGrain session, SessionHistoryRequest request, CancellationToken cancellationToken)
    {
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        var stream = cluster.GetStreamProvider(StreamProviderNames.Default).GetStream<SessionStreamEvent>(SessionStreams.Events(sessionKey));
        await using var subscription = await stream.SubscribeAsync((item, _) =>
        {
            if (ChangesTranscript(item)) changed.Writer.TryWrite(true);
            return Task.CompletedTask;
        });

        var page = await session.GetHistoryAsync(request.Query, cancellationToken);
        if (!SessionHistoryEndpoint.Exists(page)) return SessionHistoryEndpoint.SessionNotFound(sessionKey);

        var sse = await SseWriter.StartAsync(http, cancellationToken);
        await sse.RetryAsync(ClientRetry, cancellationToken);
        await SendPageAsync(sse, page, cancellationToken);
        var sent = new SentState(page.SessionId, page.TotalMessages);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (await WaitForChangeAsync(changed.Reader, cancellationToken))
            {
                changed.Reader.TryRead(out _);
                sent = request.IsInline
                    ? await SendNewMessagesAsync(sse, session, sent, cancellationToken)
                    : await SendChangedPageAsync(sse, session, request, sent, cancellationToken);
            }
            else
            {
                await sse.CommentAsync("keepalive", cancellationToken);
            }
        }

        return Results.Empty;
    }

    /// <summary>
    /// Events after which the transcript may hold new messages: a session change (a send appends the user turn, a
    /// reset starts a new transcript) and a run's end (its reply and tool results are written before it).
    /// </summary>
    private static bool ChangesTranscript(SessionStreamEvent item) => item switch
    {
        ChatStreamEvent chat => chat.State is ChatStates.Final or ChatStates.Aborted or ChatStates.Error,
        SessionChangedEvent => true,
        _ => false,
    };

    private static async Task<SentState> SendNewMessagesAsync(SseWriter sse, IChatSessionGrain session, SentState sent, CancellationToken cancellationToken)
    {
        var tail = await session.GetHistoryAsync(SessionHistoryRequest.Newest(TailWindow), cancellationToken);
        if (tail.SessionId == sent.SessionId && tail.TotalMessages == sent.LastSeq) return sent;

        var fresh = tail.Messages.Where(m => m.Seq > sent.LastSeq).ToList();
        var contiguous = fresh.Count > 0 && fresh[0].Seq == sent.LastSeq + 1;
        if (tail.SessionId != sent.SessionId || tail.TotalMessages < sent.LastSeq || !contiguous)
        {
            // A reset, a shrunk transcript (compaction) or more new messages than the tail holds: resend the page.
            var page = await session.GetHistoryAsync(SessionHistoryRequest.Newest(SessionHistoryRequest.DefaultLimit), cancellationToken);
            await SendPageAsync(sse, page, cancellationToken);
            return new SentState(page.SessionId, page.TotalMessages);
        }

        foreach (var message in fresh)
        {
            var item = new SessionHistoryMessageEvent(tail.SessionKey, SessionHistoryEndpoint.Row(message), message.Id, message.Seq);
            await sse.EventAsync("message", JsonSerializer.Serialize(item, HttpJson.Default.SessionHistoryMessageEvent), cancellationToken);
        }

        return new SentState(tail.SessionId, fresh[^1].Seq);
    }

    private static async Task<SentState> SendChangedPageAsync(
        SseWriter sse, IChatSessionGrain session, SessionHistoryRequest request, SentState sent, CancellationToken cancellationToken)
    {
        var page = await session.GetHistoryAsync(request.Query, cancellationToken);
        if (page.SessionId == sent.SessionId && page.TotalMessages == sent.LastSeq) return sent;
        await SendPageAsync(sse, page, cancellationToken);
        return new SentState(page.SessionId, page.TotalMessages);
    }

    private static Task SendPageAsync(SseWriter sse, HistoryPage page, CancellationToken cancellationToken) =>
        sse.EventAsync("history", JsonSerializer.Serialize(SessionHistoryEndpoint.ToResponse(page), HttpJson.Default.SessionHistoryResponse), cancellationToken);

    /// <returns>True when a change is signalled; false when the keepalive interval passed first.</returns>
    private async Task<bool> WaitForChangeAsync(ChannelReader<bool> reader, CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(_options.KeepAliveInterval, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token);
        try
        {
            return await reader.WaitToReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>What the client has: the transcript of <see cref="SessionId"/> up to <see cref="LastSeq"/>.</summary>
    private readonly record struct SentState(string SessionId, long LastSeq);
}
