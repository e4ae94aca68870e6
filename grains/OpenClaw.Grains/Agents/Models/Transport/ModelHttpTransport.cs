using System.Net;

namespace OpenClaw.Grains.Agents.Models.Transport;

/// <summary>
/// The one HTTP connection pool every provider client shares (SDK clients are rebuilt on config reloads; the pool
/// must outlive them). No HttpClient timeout: streams are long, and the idle timeout is enforced per call.
/// </summary>
public sealed class ModelHttpTransport : IDisposable
{
    public ModelHttpTransport(TimeProvider time)
    {
        Capture = new RetryAfterCapture();
        var sockets = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.All,
        };
        Client = new HttpClient(new RetryAfterHandler(Capture, time) { InnerHandler = sockets })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public HttpClient Client { get; }

    public RetryAfterCapture Capture { get; }

    public void Dispose() => Client.Dispose();
}
