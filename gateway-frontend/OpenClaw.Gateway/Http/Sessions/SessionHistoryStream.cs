using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Actors;
using OpenClaw.Actors.Streams;
using OpenClaw.Gateway.Http.Api;
using OpenClaw.Gateway.Protocol.Http;
using OpenClaw.GrainInterfaces.Events;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Http.Sessions;

/// <summary>
/// The SSE form of session history: <c>event: history</c> with the requested page, then <c>event: message</c> for
/// each message the session completes (its final chat events), until the client disconnects; an idle stream gets a
/// <c>: keepalive</c> comment every <see cref="HttpApiOptions.KeepAliveInterval"/>. The subscription is taken before
/// the page is read, so no message falls between the two. Messages wait in a bounded buffer; when a client is too
/// slow to take them the oldest is dropped and the drop is logged (the client can re-read the history).
/// </summary>
internal sealed partial class SessionHistoryStream(IClusterClient cluster, IOptions<HttpApiOptions> options, TimeProvider time, ILogger<SessionHistoryStream> logger)
{
    /// <summary>Completed messages buffered for one slow client before the oldest is dropped.</summary>
    public const int BufferCapacity = 256;

    private readonly HttpApiOptions _options = options.Value;

    public async Task WriteAsync(HttpContext http, string sessionKey, IChatSessionGrain session, HistoryQuery query, CancellationToken cancellationToken)
    {
        var dropped = 0L;
        var messages = Channel.CreateBounded<SessionHistoryMessageEvent>(
            new BoundedChannelOptions(BufferCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest },
            _ => Interlocked.Increment(ref dropped));
        var stream = cluster.GetStreamProvider(StreamProviderNames.Default).GetStream<SessionStreamEvent>(SessionStreams.Events(sessionKey));
        await using var subscription = await stream.SubscribeAsync((item, _) =>
        {
            if (item is ChatStreamEvent { State: ChatStates.Final, Message: { } message } chat)
                messages.Writer.TryWrite(new SessionHistoryMessageEvent(sessionKey, HistoryMessages.ToWire(message)) { RunId = chat.RunId });
            return Task.CompletedTask;
        });

        var page = await session.GetHistoryAsync(query, cancellationToken);
        var sse = await SseWriter.StartAsync(http, cancellationToken);
        await sse.EventAsync("history", JsonSerializer.Serialize(SessionHistoryEndpoint.ToResponse(page), HttpJson.Default.SessionHistoryResponse), cancellationToken);

        while (!cancellationToken.IsCancellationRequested)
        {
            if (await WaitForMessageAsync(messages.Reader, cancellationToken))
            {
                while (messages.Reader.TryRead(out var next))
                    await sse.EventAsync("message", JsonSerializer.Serialize(next, HttpJson.Default.SessionHistoryMessageEvent), cancellationToken);
                if (Interlocked.Exchange(ref dropped, 0) is > 0 and var count) LogDropped(sessionKey, count);
            }
            else
            {
                await sse.CommentAsync("keepalive", cancellationToken);
            }
        }
    }

    /// <returns>True when a message is waiting; false when the keepalive interval passed first.</returns>
    private async Task<bool> WaitForMessageAsync(ChannelReader<SessionHistoryMessageEvent> reader, CancellationToken cancellationToken)
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

    [LoggerMessage(1455, LogLevel.Warning, "History stream of {SessionKey}: {Count} messages dropped for a slow client")]
    private partial void LogDropped(string sessionKey, long count);
}
