using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Tests.Infrastructure;

/// <summary>
/// A protocol v4 client over a real <see cref="ClientWebSocket"/>. It reads only when asked (so a test can play a
/// client that stopped reading); frames that arrive while waiting for something else are kept in order for later.
/// Every wait is bounded.
/// </summary>
public sealed class GatewayTestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    public const string DefaultToken = "test-token";

    private readonly ClientWebSocket _socket;
    private readonly List<JsonObject> _stash = [];
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _nextId;

    private GatewayTestClient(ClientWebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;

    /// <summary>Set once the server's close frame was read.</summary>
    public WebSocketCloseStatus? CloseStatus { get; private set; }
    public string? CloseDescription { get; private set; }

    public ConnectChallenge? Challenge { get; private set; }

    /// <summary>Frames read while waiting for something else, oldest first.</summary>
    public IReadOnlyList<JsonObject> Stashed => _stash;

    public static async Task<GatewayTestClient> OpenAsync(Uri baseAddress, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws", Path = "/" }.Uri;
        await socket.ConnectAsync(uri, cancellationToken).WaitAsync(DefaultTimeout, cancellationToken);
        return new GatewayTestClient(socket);
    }

    /// <summary>Opens, reads the challenge, connects with <paramref name="connectParams"/> and expects hello-ok.</summary>
    public static async Task<(GatewayTestClient Client, HelloOk Hello)> ConnectAsync(Uri baseAddress, JsonObject? connectParams = null)
    {
        var client = await OpenAsync(baseAddress);
        await client.ReadChallengeAsync();
        var response = await client.SendConnectAsync(connectParams ?? ConnectParamsBuilder.Cli());
        Assert.True(response.Ok, $"connect failed: {response.Error?.Code} {response.Error?.Message}");
        var hello = response.Payload!.Value.Deserialize(ProtocolJson.Default.HelloOk)!;
        return (client, hello);
    }

    public async Task<ConnectChallenge> ReadChallengeAsync()
    {
        var frame = await ReceiveFrameAsync();
        Assert.Equal("event", (string?)frame["type"]);
        Assert.Equal("connect.challenge", (string?)frame["event"]);
        Assert.False(frame.ContainsKey("seq"), "the challenge carries no seq");
        Challenge = frame["payload"].Deserialize(ProtocolJson.Default.ConnectChallenge)!;
        return Challenge;
    }

    public Task<ResponseFrame> SendConnectAsync(JsonObject connectParams, string? id = null) =>
        RequestAsync("connect", connectParams, id);

    public async Task<ResponseFrame> RequestAsync(string method, JsonNode? parameters = null, string? id = null, TimeSpan? timeout = null)
    {
        id ??= $"r{Interlocked.Increment(ref _nextId)}";
        var request = new JsonObject { ["type"] = "req", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            request["params"] = parameters.DeepClone();
        }

        await SendTextAsync(request.ToJsonString());
        return await ResponseAsync(id, timeout);
    }

    /// <summary>The next response with this id (earlier frames stay stashed).</summary>
    public async Task<ResponseFrame> ResponseAsync(string id, TimeSpan? timeout = null)
    {
        var frame = await NextAsync(f => (string?)f["type"] == "res" && (string?)f["id"] == id, timeout);
        return frame.Deserialize(ProtocolJson.Default.ResponseFrame)!;
    }

    public async Task<EventFrame> NextEventAsync(string eventName, TimeSpan? timeout = null)
    {
        var frame = await NextAsync(f => (string?)f["type"] == "event" && (string?)f["event"] == eventName, timeout);
        return frame.Deserialize(ProtocolJson.Default.EventFrame)!;
    }

    /// <summary>The next frame matching <paramref name="match"/>, from the stash first, then the socket.</summary>
    public async Task<JsonObject> NextAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        var stashed = _stash.FindIndex(f => match(f));
        if (stashed >= 0)
        {
            var found = _stash[stashed];
            _stash.RemoveAt(stashed);
            return found;
        }

        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (true)
        {
            var frame = await ReceiveFrameAsync(deadline.Token);
            if (match(frame))
            {
                return frame;
            }

            _stash.Add(frame);
        }
    }

    /// <summary>Reads one frame from the socket (ignoring the stash). Fails if the server closes instead.</summary>
    public async Task<JsonObject> ReceiveFrameAsync(CancellationToken cancellationToken = default)
    {
        var text = await ReceiveTextAsync(cancellationToken)
            ?? throw new InvalidOperationException($"server closed {(int?)CloseStatus} '{CloseDescription}' while a frame was expected");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Reads frames until the server's close frame; returns its code and reason plus every frame read on the way.</summary>
    public async Task<(int? Code, string? Reason, IReadOnlyList<JsonObject> Frames)> WaitForCloseAsync(TimeSpan? timeout = null)
    {
        var frames = new List<JsonObject>(_stash);
        _stash.Clear();
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (await ReceiveTextAsync(deadline.Token) is { } text)
        {
            frames.Add(JsonNode.Parse(text)!.AsObject());
        }

        return ((int?)CloseStatus, CloseDescription, frames);
    }

    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public Task SendAsync(byte[] data, WebSocketMessageType type) =>
        _socket.SendAsync(data, type, endOfMessage: true, CancellationToken.None).WaitAsync(DefaultTimeout);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The server is gone or slow to answer; the socket is disposed either way.
        }

        _socket.Dispose();
    }

    private async Task<string?> ReceiveTextAsync(CancellationToken cancellationToken)
    {
        if (CloseStatus is not null || _socket.State is WebSocketState.Closed or WebSocketState.Aborted)
        {
            return null;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(DefaultTimeout);
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer, linked.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                CloseStatus = result.CloseStatus;
                CloseDescription = result.CloseStatusDescription;
                if (_socket.State == WebSocketState.CloseReceived)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).WaitAsync(DefaultTimeout);
                }

                return null;
            }

            message.Write(_buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }
}
