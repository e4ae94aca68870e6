using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OpenClaw.Bench.Client;

/// <summary>Where and how to connect: the URI, the preallocated connect frame (token inside),
/// and one HTTP handler shared by every upgrade so a connection costs no handler of its own.</summary>
internal sealed class GatewayEndpoint(
    Uri uri, string token, string clientMode, IReadOnlyList<string>? scopes = null, IReadOnlyList<string>? caps = null) : IDisposable
{
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.Zero,
    });

    public Uri Uri { get; } = uri;

    /// <summary>The connect request, id "1", as the CLI sends it: scopes <c>operator.read</c> unless given
    /// (client mode <c>cli</c>, or <c>probe</c>, which the gateway leaves out of presence), and the given caps.</summary>
    public ReadOnlyMemory<byte> ConnectFrame { get; } = Encoding.UTF8.GetBytes(
        "{\"type\":\"req\",\"id\":\"1\",\"method\":\"connect\",\"params\":{\"minProtocol\":4,\"maxProtocol\":4," +
        "\"client\":{\"id\":\"cli\",\"version\":\"bench\",\"platform\":\"linux\",\"mode\":" + JsonSerializer.Serialize(clientMode) + "}," +
        "\"role\":\"operator\",\"scopes\":" + JsonSerializer.Serialize(scopes ?? ["operator.read"]) +
        ",\"caps\":" + JsonSerializer.Serialize(caps ?? []) + ",\"auth\":{\"token\":" +
        JsonSerializer.Serialize(token) + "}}}");

    public const long ConnectRequestId = 1;

    public Task ConnectAsync(ClientWebSocket socket, CancellationToken cancellationToken) =>
        socket.ConnectAsync(Uri, _invoker, cancellationToken);

    public void Dispose() => _invoker.Dispose();
}
