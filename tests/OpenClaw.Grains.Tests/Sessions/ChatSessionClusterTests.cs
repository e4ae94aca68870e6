using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.Actors.Testing;
using OpenClaw.Configuration;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Agents.Tools;
using OpenClaw.Grains.Sessions;
using OpenClaw.Grains.Tests.Sessions.Support;

namespace OpenClaw.Grains.Tests.Sessions;

/// <summary>
/// The same session behaviour on a two-silo in-process cluster, where every call (the front's, the run's reports to
/// its session, the session's index updates) goes through the wire codec: what would not survive serialization fails here.
/// </summary>
public sealed class ChatSessionClusterTests
{
    [Fact]
    public async Task SendWithToolCall_OverTheCodec_CompletesWithHistoryAndIndex()
    {
        using var directory = new TempStateDirectory();
        var model = new ScriptedModelRouter
        {
            Behaviour = (request, call, ct) => call == 0
                ? ModelScripts.ToolCall("c1", "echo", new JsonObject { ["text"] = "wire" })
                : ScriptedModelRouter.Text("done: " + request.Messages[^1].Text()),
        };
        await using var cluster = await InProcCluster.StartAsync(2, services =>
        {
            services.AddGrain<IChatSessionGrain, ChatSessionGrain>();
            services.AddGrain<IChatSessionRunHost, ChatSessionGrain>();
            services.AddGrain<ISessionIndexGrain, SessionIndexGrain>();
            services.AddOpenClawGrainServices(directory.Path);
            services.AddSingleton<IOpenClawConfigSource>(new StaticConfigSource(SessionSilo.DefaultConfig()));
            services.AddSingleton<IModelRouter>(model);
            services.AddSingleton<IToolCatalog>(new StaticToolCatalog(new EchoTool()));
        });
        var key = $"agent:main:cluster-{Guid.NewGuid():N}";
        await using var log = await SessionEventLog.SubscribeAsync(cluster.Client.GetStreamProvider("default"), key);
        var session = cluster.Client.GetGrain<IChatSessionGrain>(key);

        var accepted = await session.SendAsync(new SendMessage { Text = "over the wire", IdempotencyKey = "w1" });
        var completed = await log.WaitForCompletionAsync("w1");

        Assert.Equal(RunStatuses.Started, accepted.Status);
        Assert.Equal((RunStatuses.Ok, "done: echoed: wire"), (completed.Run.Status, completed.Run.ReplyText));
        var history = await session.GetHistoryAsync(new HistoryQuery());
        Assert.Equal(["user", "assistant", "toolResult", "assistant"], history.Messages.Select(m => m.Message.Role));
        Assert.Equal(RunStatuses.Ok, (await session.GetRunAsync("w1")).Status);
        var page = await cluster.Client.GetGrain<ISessionIndexGrain>("main").ListAsync(new SessionListQuery(100));
        Assert.Equal("done", Assert.Single(page.Sessions, s => s.Key == key).Status);
    }
}
