using System.Text.Json;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>A method mapped with sharedResult serializes each result instance once and reuses those bytes.</summary>
public sealed class RpcSharedResultTests
{
    [Fact]
    public async Task SharedResult_SameInstanceTwice_SerializedOnceThenReused()
    {
        var current = new EchoResult("first", []);
        var table = new RpcMethodTable();
        table.Map("snapshot", RpcScopes.Open, TestJson.Default.EchoParams, TestJson.Default.EchoResult,
            (_, _, _) => Task.FromResult(current), sharedResult: true);
        Assert.True(table.TryGet("snapshot", out var descriptor));

        var first = await descriptor.InvokeAsync(null, Context(), CancellationToken.None);
        var again = await descriptor.InvokeAsync(null, Context(), CancellationToken.None);
        current = new EchoResult("second", []);
        var rebuilt = await descriptor.InvokeAsync(null, Context(), CancellationToken.None);

        Assert.Same(first, again);
        Assert.NotSame(first, rebuilt);
        Assert.Equal("first", JsonDocument.Parse(first).RootElement.GetProperty("text").GetString());
        Assert.Equal("second", JsonDocument.Parse(rebuilt).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task NotShared_SameInstanceTwice_SerializedEachTime()
    {
        var current = new EchoResult("first", []);
        var table = new RpcMethodTable();
        table.Map("fresh", RpcScopes.Open, TestJson.Default.EchoParams, TestJson.Default.EchoResult,
            (_, _, _) => Task.FromResult(current));
        Assert.True(table.TryGet("fresh", out var descriptor));

        var first = await descriptor.InvokeAsync(null, Context(), CancellationToken.None);
        var again = await descriptor.InvokeAsync(null, Context(), CancellationToken.None);

        Assert.NotSame(first, again);
        Assert.Equal(first, again);
    }

    private static RpcContext Context() =>
        new("conn", "1", new ConnectionPrincipal(ConnectRoles.Operator, [], "cli", ConnectClientModes.Cli, null, IsLoopback: true));
}
