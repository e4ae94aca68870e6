using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenClaw.TestStubs;

/// <summary>
/// A fake LLM provider on real Kestrel (127.0.0.1, a free port): scripted by a queue of <see cref="StubReply"/>s,
/// echoing the last user text by default, recording every request it receives. Zero delay unless a reply asks.
/// </summary>
public abstract class LlmStubServer : IAsyncDisposable
{
    private readonly StubScript _script = new();
    private readonly RequestLog _requests = new();
    private WebApplication? _app;

    /// <summary><c>http://127.0.0.1:port</c>, no trailing slash.</summary>
    public string RootUrl { get; private set; } = "";

    /// <summary>The URL to put in <c>models.providers.&lt;id&gt;.baseUrl</c> for this provider kind.</summary>
    public abstract string BaseUrl { get; }

    /// <summary>The most recent requests received (at most 1000), oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.Snapshot();

    /// <summary>All requests received since start, including ones dropped from <see cref="Requests"/>.</summary>
    public long TotalRequests => _requests.Total;

    /// <summary>Replies still queued.</summary>
    public int PendingReplies => _script.Pending;

    /// <summary>Model ids listed by <c>GET /v1/models</c>.</summary>
    public IReadOnlyList<string> Models { get; init; } = ["stub-echo"];

    public void Enqueue(params StubReply[] replies)
    {
        foreach (var reply in replies)
            _script.Enqueue(reply);
    }

    /// <summary>Replaces the echo answered when the queue is empty; null restores echo.</summary>
    public void SetDefault(StubReply? reply) => _script.SetDefault(reply);

    /// <summary>Always answers requests for <paramref name="model"/> with <paramref name="reply"/> (null clears).</summary>
    public void SetReplyForModel(string model, StubReply? reply) => _script.SetForModel(model, reply);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected async Task StartCoreAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        MapRoutes(app);
        await app.StartAsync();
        _app = app;
        RootUrl = app.Urls.First().TrimEnd('/');
    }

    protected abstract void MapRoutes(WebApplication app);

    /// <summary>Reads and records the request, then picks its reply.</summary>
    protected async Task<(JsonObject Body, StubReply Reply)> ReceiveAsync(HttpContext context, Func<JsonObject, string> lastUserText)
    {
        var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var body = node as JsonObject ?? [];
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        _requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path, headers, body));
        var model = body["model"]?.GetValueKind() == JsonValueKind.String ? body["model"]!.GetValue<string>() : null;
        var reply = _script.Next(model, () => StubReply.Echo(lastUserText(body)));
        if (reply.ResponseDelay > TimeSpan.Zero)
            await Task.Delay(reply.ResponseDelay, context.RequestAborted);
        return (body, reply);
    }

    /// <summary>Reads and records a JSON request that takes no scripted reply (e.g. embeddings).</summary>
    protected async Task<JsonObject> RecordPostAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject ?? [];
        _requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), body));
        return body;
    }

    protected void RecordGet(HttpContext context) =>
        _requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()), null));

    protected static async Task WriteErrorAsync(HttpContext context, StubError error, JsonObject body)
    {
        context.Response.StatusCode = error.Status;
        if (error.RetryAfter is { } retryAfter)
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    protected static async Task WriteJsonAsync(HttpContext context, JsonNode body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    protected static void StartEventStream(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
    }

    /// <summary>Writes one SSE event and flushes it so the client sees it at once.</summary>
    protected static async Task WriteEventAsync(HttpContext context, string? eventName, string data, TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, context.RequestAborted);
        var frame = eventName is null ? $"data: {data}\n\n" : $"event: {eventName}\ndata: {data}\n\n";
        await context.Response.WriteAsync(frame, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Text of a message <c>content</c> that is a string or an array of <c>{type:"text", text}</c> parts.</summary>
    protected static string? TextOf(JsonNode? content) => content switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonArray parts => parts.OfType<JsonObject>()
            .Where(p => p["type"]?.GetValue<string>() == "text")
            .Select(p => p["text"]?.GetValue<string>())
            .LastOrDefault(t => t is not null),
        _ => null,
    };

    protected static string LastUserText(JsonObject body) =>
        (body["messages"] as JsonArray)?.OfType<JsonObject>()
            .Where(m => m["role"]?.GetValue<string>() == "user")
            .Select(m => TextOf(m["content"]))
            .LastOrDefault(t => t is not null) ?? "";
}
