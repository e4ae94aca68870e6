using System.Diagnostics;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Infrastructure;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>Graceful stop closes every connection at once and takes a bounded time however many there are.</summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Shutdown_ManyConnections_AllClosed1012Together()
    {
        var gateway = await TestGateway.StartAsync(configureOptions: o => o.CloseTimeout = CloseTimeout);
        var clients = await ConnectManyAsync(gateway, 100);

        var stopwatch = Stopwatch.StartNew();
        var stopping = gateway.DisposeAsync().AsTask();
        var closes = await Task.WhenAll(clients.Select(client => client.WaitForCloseAsync()));
        await stopping.WaitAsync(GatewayTestClient.DefaultTimeout);

        Assert.All(closes, close => Assert.Equal(1012, close.Code));
        Assert.True(stopwatch.Elapsed < CloseTimeout, $"stop took {stopwatch.Elapsed}");
        await DisposeAllAsync(clients);
    }

    [Fact]
    public async Task Shutdown_ConnectionsThatNeverAnswerTheClose_AbortedWithinTheBound()
    {
        var gateway = await TestGateway.StartAsync(configureOptions: o => o.CloseTimeout = CloseTimeout);
        var silent = await ConnectManyAsync(gateway, 50); // never read again, so never answer the close frame

        var stopwatch = Stopwatch.StartNew();
        await gateway.DisposeAsync().AsTask().WaitAsync(GatewayTestClient.DefaultTimeout);

        Assert.True(stopwatch.Elapsed < CloseTimeout + TimeSpan.FromSeconds(3), $"stop took {stopwatch.Elapsed}");
        await DisposeAllAsync(silent);
    }

    private static async Task<List<GatewayTestClient>> ConnectManyAsync(TestGateway gateway, int count)
    {
        var clients = new List<GatewayTestClient>();
        for (var i = 0; i < count; i++)
        {
            clients.Add((await GatewayTestClient.ConnectAsync(gateway.BaseAddress, ConnectParamsBuilder.Cli(scopes: OperatorScopes.Read))).Client);
        }

        return clients;
    }

    private static async Task DisposeAllAsync(IEnumerable<GatewayTestClient> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }
}
