using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenClaw.Gateway.Events;
using OpenClaw.Gateway.Handshake;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Connections;

/// <summary>The singletons a connection session uses, resolved once and shared by every connection.</summary>
internal sealed class ConnectionServices(
    IOptions<GatewayOptions> options,
    ConnectAdmission admission,
    HelloBuilder hello,
    RpcDispatcher dispatcher,
    ConnectionRegistry registry,
    PresenceTracker presence,
    TimeProvider time,
    ILogger<ConnectionSession> logger)
{
    public GatewayOptions Options { get; } = options.Value;
    public ConnectAdmission Admission { get; } = admission;
    public HelloBuilder Hello { get; } = hello;
    public RpcDispatcher Dispatcher { get; } = dispatcher;
    public ConnectionRegistry Registry { get; } = registry;
    public PresenceTracker Presence { get; } = presence;
    public TimeProvider Time { get; } = time;
    public ILogger Logger { get; } = logger;

    /// <summary>Shared by every connection's writer: paces presence sends across all of them.</summary>
    public FanOutPacer FanOut { get; } = new(FanOutPacer.DefaultBytesPerSecond, FanOutPacer.DefaultBurstBytes, time);
}
