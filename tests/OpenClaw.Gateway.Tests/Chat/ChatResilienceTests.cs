using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Tests.Infrastructure;
using OpenClaw.Gateway.Tests.Methods;
using OpenClaw.Silo;
using OpenClaw.TestStubs;

namespace OpenClaw.Gateway.Tests.Chat;

/// <summary>
/// Runs that cannot work (no model provider configured) fail visibly while the gateway keeps serving, and a
/// conversation survives a gateway restart over the same state directory.
/// </summary>
public sealed class ChatResilienceTests
{
    [Fact]
    public async Task ChatSendAndAgent_NoProviderConfigured_FailUnavailableAndGatewayKeepsServing()
    {
        await using var gateway = await TestGateway.StartAsync(configJson: "{}");
        var (client, _) = await GatewayTestClient.ConnectAsync(gateway.BaseAddress);
        await using var _client = client;
        var runId = $"noprov-{Guid.NewGuid():N}";

        var ack = await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = "main", ["message"] = "anyone?", ["idempotencyKey"] = runId });
        var terminal = await client.NextRunEventAsync("chat", runId, p => RunEvents.TerminalChatStates.Contains((string)p["state"]!));

        Assert.Equal("started", (string?)ack["status"]);
        Assert.Equal("error", (string?)terminal["payload"]?["state"]);
        Assert.Contains("No model is configured", (string?)terminal["payload"]?["errorMessage"]);

        var agentRun = Guid.NewGuid().ToString();
        var accepted = await client.RequestAsync("agent", new JsonObject { ["message"] = "still nobody", ["idempotencyKey"] = agentRun }, id: "np-agent");
        var final = await client.ResponseAsync("np-agent", TimeSpan.FromSeconds(20));
        Assert.True(accepted.Ok);
        Assert.False(final.Ok);
        Assert.Equal(ErrorCodes.Unavailable, final.Error!.Code);
        Assert.Contains("No model is configured", final.Error.Message);

        var health = await client.CallOkAsync("health", new JsonObject());
        Field.Number(health, "ts");
    }

    [Fact]
    public async Task ChatHistory_AfterGatewayRestart_StillHasTheTurn()
    {
        await using var stub = await OpenAiStubServer.StartAsync([StubModelGateway.EchoModel, StubModelGateway.SlowModel]);
        var stateDirectory = Directory.CreateTempSubdirectory("openclaw-gw-restart-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(stateDirectory, "openclaw.json"), StubModelGateway.ConfigFor(stub.BaseUrl));
            var key = StubModelGateway.NewSessionKey("restart");

            var first = await StartAsync(stateDirectory);
            try
            {
                var (client, _) = await GatewayTestClient.ConnectAsync(EmbeddedHost.GetBaseAddress(first));
                await using var _client = client;
                await ChatSendTests.SendAndWaitAsync(client, key, "remember me");
            }
            finally
            {
                await StopAsync(first);
            }

            var second = await StartAsync(stateDirectory);
            JsonObject history;
            try
            {
                var (again, _) = await GatewayTestClient.ConnectAsync(EmbeddedHost.GetBaseAddress(second));
                await using var _again = again;
                history = await again.CallOkAsync("chat.history", new JsonObject { ["sessionKey"] = key });
            }
            finally
            {
                await StopAsync(second);
            }

            var messages = Field.Array(history, "messages");
            Assert.Equal(2, messages.Count);
            Assert.Equal("remember me", (string?)messages[0]?["content"]);
            Assert.Equal("echo: remember me", (string?)messages[1]?["content"]?[0]?["text"]);
        }
        finally
        {
            try
            {
                Directory.Delete(stateDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file logger may hold a handle for a moment; the temp directory is reclaimed by the OS.
            }
        }
    }

    private static async Task StopAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task<WebApplication> StartAsync(string stateDirectory)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await EmbeddedHost.StartAsync(new EmbeddedHostOptions
        {
            StateDirectory = stateDirectory,
            Environment = new Dictionary<string, string?> { ["HOME"] = stateDirectory },
            Overrides = new GatewayOverrides(Port: 0, Token: GatewayTestClient.DefaultToken),
            ConsoleLogging = false,
        }, timeout.Token);
    }
}
