using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace OpenClaw.Gateway.Http.Api;

/// <summary>
/// Server-sent events on a response: <c>event:</c>/<c>data:</c> frames and <c>:</c> comments, each flushed at once.
/// Data must be one line (compact JSON is). Writes are serialized, so a keepalive and an event never interleave.
/// </summary>
internal sealed class SseWriter
{
    private readonly HttpResponse _response;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private SseWriter(HttpResponse response) => _response = response;

    /// <summary>Sends the 200 and the event-stream headers; after this, errors can only be reported as events.</summary>
    public static async Task<SseWriter> StartAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers.Connection = "keep-alive";
        // Reverse proxies (nginx) buffer responses unless told not to, which would hold back every delta.
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new SseWriter(response);
    }

    public Task DataAsync(string data, CancellationToken cancellationToken) => WriteAsync($"data: {data}\n\n", cancellationToken);

    public Task EventAsync(string eventName, string data, CancellationToken cancellationToken) =>
        WriteAsync($"event: {eventName}\ndata: {data}\n\n", cancellationToken);

    public Task CommentAsync(string text, CancellationToken cancellationToken) => WriteAsync($": {text}\n\n", cancellationToken);

    /// <summary>The client's reconnection delay (<c>retry:</c>).</summary>
    public Task RetryAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        WriteAsync($"retry: {(long)delay.TotalMilliseconds}\n\n", cancellationToken);

    private async Task WriteAsync(string frame, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), cancellationToken).ConfigureAwait(false);
            await _response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
