using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using OpenClaw.Gateway.Connections;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>
/// Idle connections hold no receive buffer: the reader waits with a zero-byte receive and rents only while a message
/// is being read. Real loopback sockets, a pool that counts what is rented and not yet returned.
/// </summary>
public sealed class WebSocketMessageReaderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Reader_ManyIdleConnections_HoldNoBuffers()
    {
        var pool = new CountingPool();
        await using var pairs = await SocketPairs.OpenAsync(100);
        var reads = pairs.Servers.Select(server => new WebSocketMessageReader(server, pool).ReadAsync(1024 * 1024, CancellationToken.None).AsTask()).ToList();

        Assert.All(reads, read => Assert.False(read.IsCompleted));
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(0, pool.Rents);

        await pairs.Clients[7].SendAsync("""{"type":"req"}"""u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        using (var message = await reads[7].WaitAsync(Timeout))
        {
            Assert.Equal("""{"type":"req"}""", System.Text.Encoding.UTF8.GetString(message.Data.Span));
            Assert.Equal(1, pool.Outstanding);
        }

        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(1, reads.Count(read => read.IsCompleted));
    }

    [Fact]
    public async Task Reader_FragmentedLargeMessage_ReassembledAndReturned()
    {
        var pool = new CountingPool();
        await using var pairs = await SocketPairs.OpenAsync(1);
        var payload = Enumerable.Range(0, 100_000).Select(i => (byte)('a' + i % 26)).ToArray();
        var read = new WebSocketMessageReader(pairs.Servers[0], pool).ReadAsync(1024 * 1024, CancellationToken.None);

        for (var offset = 0; offset < payload.Length; offset += 30_000)
        {
            var chunk = payload.AsMemory(offset, Math.Min(30_000, payload.Length - offset));
            await pairs.Clients[0].SendAsync(chunk, WebSocketMessageType.Text, offset + chunk.Length == payload.Length, CancellationToken.None);
        }

        using (var message = await read.AsTask().WaitAsync(Timeout))
        {
            Assert.True(message.Data.Span.SequenceEqual(payload));
        }

        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Reader_MessageOverLimit_TooBigWithNothingKept()
    {
        var pool = new CountingPool();
        await using var pairs = await SocketPairs.OpenAsync(1);
        var read = new WebSocketMessageReader(pairs.Servers[0], pool).ReadAsync(10_000, CancellationToken.None);

        await pairs.Clients[0].SendAsync(new byte[50_000], WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        var message = await read.AsTask().WaitAsync(Timeout);

        Assert.Equal(InboundMessageKind.TooBig, message.Kind);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Reader_EmptyMessage_NothingRented()
    {
        var pool = new CountingPool();
        await using var pairs = await SocketPairs.OpenAsync(1);
        var read = new WebSocketMessageReader(pairs.Servers[0], pool).ReadAsync(10_000, CancellationToken.None);

        await pairs.Clients[0].SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        using var message = await read.AsTask().WaitAsync(Timeout);

        Assert.Equal(InboundMessageKind.Message, message.Kind);
        Assert.True(message.Data.IsEmpty);
        Assert.Equal(0, pool.Rents);
    }

    /// <summary>Delegates to the shared pool and counts arrays rented and not yet returned.</summary>
    private sealed class CountingPool : ArrayPool<byte>
    {
        private int _outstanding;
        private int _rents;

        public int Outstanding => Volatile.Read(ref _outstanding);
        public int Rents => Volatile.Read(ref _rents);

        public override byte[] Rent(int minimumLength)
        {
            Interlocked.Increment(ref _rents);
            Interlocked.Increment(ref _outstanding);
            return Shared.Rent(minimumLength);
        }

        public override void Return(byte[] array, bool clearArray = false)
        {
            Interlocked.Decrement(ref _outstanding);
            Shared.Return(array, clearArray);
        }
    }

    /// <summary>Server and client WebSockets over real loopback TCP connections (already upgraded: no HTTP).</summary>
    private sealed class SocketPairs : IAsyncDisposable
    {
        private readonly List<IDisposable> _owned = [];

        public List<WebSocket> Servers { get; } = [];
        public List<WebSocket> Clients { get; } = [];

        public static async Task<SocketPairs> OpenAsync(int count)
        {
            var pairs = new SocketPairs();
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var client = new TcpClient();
                    pairs._owned.Add(client);
                    var accept = listener.AcceptTcpClientAsync();
                    await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port).WaitAsync(Timeout);
                    var server = await accept.WaitAsync(Timeout);
                    pairs._owned.Add(server);
                    pairs.Servers.Add(WebSocket.CreateFromStream(server.GetStream(), new WebSocketCreationOptions { IsServer = true }));
                    pairs.Clients.Add(WebSocket.CreateFromStream(client.GetStream(), new WebSocketCreationOptions { IsServer = false }));
                }
            }
            finally
            {
                listener.Stop();
            }

            return pairs;
        }

        public ValueTask DisposeAsync()
        {
            foreach (var socket in Servers.Concat(Clients))
            {
                socket.Abort();
                socket.Dispose();
            }

            foreach (var owned in _owned)
            {
                owned.Dispose();
            }

            return ValueTask.CompletedTask;
        }
    }
}
