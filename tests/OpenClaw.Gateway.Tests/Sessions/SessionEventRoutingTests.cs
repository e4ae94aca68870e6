using System.Net;
using OpenClaw.Actors.Testing;
using OpenClaw.Gateway.Auth;
using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Events.SessionEvents;
using OpenClaw.Gateway.Methods.Agent;
using OpenClaw.Gateway.Rpc;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Gateway.Tests.Sessions;

/// <summary>
/// The front node's session bookkeeping in isolation: who receives a session's events, the bounded runId → session
/// directory, the completion registry agent/agent.wait wait on, and reset-command parsing.
/// </summary>
public sealed class SessionEventRoutingTests
{
    private static ConnectionPrincipal Operator(params string[] caps) =>
        new("operator", ["operator.read"], "cli", "cli", IPAddress.Loopback, IsLoopback: true) { Caps = caps };

    [Fact]
    public void RunEventAudience_PlainOperator_GetsEverySession()
    {
        var subscriptions = new SessionSubscriptions(new ConnectionRegistry());

        Assert.True(SessionEventAudience.RunEvent(subscriptions, "agent:main:x").Admits("c1", Operator()));
    }

    [Fact]
    public void RunEventAudience_SessionScopedClient_GetsOnlyFollowedSessions()
    {
        var subscriptions = new SessionSubscriptions(new ConnectionRegistry());
        var scoped = Operator(ClientCaps.SessionScopedEvents);
        subscriptions.Follow("c1", "agent:main:a");

        Assert.True(SessionEventAudience.RunEvent(subscriptions, "agent:main:a").Admits("c1", scoped));
        Assert.False(SessionEventAudience.RunEvent(subscriptions, "agent:main:b").Admits("c1", scoped));
        Assert.False(SessionEventAudience.RunEvent(subscriptions, "agent:main:a").Admits("c2", scoped));
        Assert.True(subscriptions.Unfollow("c1", "agent:main:a"));
        Assert.False(SessionEventAudience.RunEvent(subscriptions, "agent:main:a").Admits("c1", scoped));
    }

    [Fact]
    public void ToolEventAudience_RequiresTheToolEventsCap()
    {
        var subscriptions = new SessionSubscriptions(new ConnectionRegistry());

        Assert.False(SessionEventAudience.ToolEvent(subscriptions, "agent:main:a").Admits("c1", Operator()));
        Assert.True(SessionEventAudience.ToolEvent(subscriptions, "agent:main:a").Admits("c1", Operator(ClientCaps.ToolEvents)));
    }

    [Fact]
    public void SessionChangeAudience_OnlySessionsSubscribeCallers()
    {
        var subscriptions = new SessionSubscriptions(new ConnectionRegistry());
        subscriptions.SubscribeSessionChanges("c1");

        Assert.True(SessionEventAudience.SessionChange(subscriptions, "agent:main:a").Admits("c1", Operator()));
        Assert.False(SessionEventAudience.SessionChange(subscriptions, "agent:main:a").Admits("c2", Operator()));
    }

    [Fact]
    public void SessionSubscriptions_FollowBeyondTheBound_IsRefusedButARunFollowIsKept()
    {
        var subscriptions = new SessionSubscriptions(new ConnectionRegistry());
        for (var i = 0; i < SessionSubscriptions.MaxSessionsPerConnection; i++) subscriptions.Follow("c1", $"agent:main:s{i}");

        Assert.Throws<RpcException>(() => subscriptions.Follow("c1", "agent:main:one-more"));
        subscriptions.FollowRunSession("c1", "agent:main:run-session");
        Assert.True(subscriptions.Follows("c1", "agent:main:run-session"));
        subscriptions.Follow("c1", "agent:main:s0"); // already followed: not a new entry
    }

    [Fact]
    public void SessionSubscriptions_RunFollowsBeyondTheBound_DropTheLeastRecentlyStartedSession()
    {
        // A sender that moved through more sessions than the bound (the chat bench after 10,000 runs) must still get
        // the events of the run it just started; before, the new session was silently not followed and its final lost.
        var subscriptions = new SessionSubscriptions(new ConnectionRegistry());
        for (var i = 0; i < SessionSubscriptions.MaxRunSessionsPerConnection; i++) subscriptions.FollowRunSession("c1", $"agent:main:r{i}");
        subscriptions.FollowRunSession("c1", "agent:main:r0"); // a new run there: now the most recently used

        subscriptions.FollowRunSession("c1", "agent:main:newest");

        Assert.True(subscriptions.Follows("c1", "agent:main:newest"));
        Assert.True(subscriptions.Follows("c1", "agent:main:r0"));
        Assert.False(subscriptions.Follows("c1", "agent:main:r1"));
        Assert.Equal(SessionSubscriptions.MaxRunSessionsPerConnection, subscriptions.FollowCount);
    }

    [Fact]
    public void SessionSubscriptions_ExplicitAndRunFollowOfOneSession_CountOnceAndUnfollowBoth()
    {
        var subscriptions = new SessionSubscriptions(new ConnectionRegistry());
        subscriptions.Follow("c1", "agent:main:a");
        subscriptions.FollowRunSession("c1", "agent:main:a");
        var both = subscriptions.FollowCount;

        Assert.True(subscriptions.Unfollow("c1", "agent:main:a"));

        Assert.Equal(1, both);
        Assert.False(subscriptions.Follows("c1", "agent:main:a"));
        Assert.Equal(0, subscriptions.FollowCount);
    }

    [Fact]
    public void RunSessionDirectory_OverCapacity_ForgetsTheOldestFirst()
    {
        var directory = new RunSessionDirectory(TimeProvider.System);
        for (var i = 0; i <= RunSessionDirectory.Capacity; i++) directory.Remember($"run-{i}", $"agent:main:s{i}");

        Assert.Equal(RunSessionDirectory.Capacity, directory.Count);
        Assert.Null(directory.Find("run-0"));
        Assert.Equal($"agent:main:s{RunSessionDirectory.Capacity}", directory.Find($"run-{RunSessionDirectory.Capacity}"));
    }

    [Fact]
    public void RunSessionDirectory_AfterTtl_ForgetsTheRun()
    {
        var clock = new ManualTimeProvider();
        var directory = new RunSessionDirectory(clock);
        directory.Remember("run", "agent:main:a");

        clock.Advance(RunSessionDirectory.Ttl - TimeSpan.FromSeconds(1));
        Assert.Equal("agent:main:a", directory.Find("run"));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(directory.Find("run"));
    }

    [Fact]
    public async Task RunCompletionRegistry_TwoWaiters_BothCompleteAndTheSlotIsReleased()
    {
        var registry = new RunCompletionRegistry();
        var first = registry.Register("run");
        var second = registry.Register("run");
        var snapshot = new RunSnapshot { RunId = "run", Status = RunStatuses.Ok };

        registry.Complete(snapshot);

        Assert.Same(snapshot, await first.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Same(snapshot, await second.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        first.Dispose();
        Assert.Equal(1, registry.Count);
        second.Dispose();
        second.Dispose();
        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public void RunCompletionRegistry_CompletionWithoutWaiter_IsDropped()
    {
        var registry = new RunCompletionRegistry();

        registry.Complete(new RunSnapshot { RunId = "nobody", Status = RunStatuses.Ok });

        Assert.Equal(0, registry.Count);
        using var late = registry.Register("nobody");
        Assert.False(late.Completion.IsCompleted);
    }

    [Theory]
    [InlineData("/reset", "reset", "")]
    [InlineData("  /NEW  hello there ", "new", "hello there")]
    [InlineData("/new\nnext line", "new", "next line")]
    public void ResetCommand_Triggers_AreRecognised(string message, string reason, string rest)
    {
        var command = ResetCommand.Parse(message);

        Assert.NotNull(command);
        Assert.Equal(reason, command.Reason);
        Assert.Equal(rest, command.Rest);
    }

    [Theory]
    [InlineData("/newer")]
    [InlineData("please /reset")]
    [InlineData("hello")]
    public void ResetCommand_OtherMessages_AreNotResets(string message) => Assert.Null(ResetCommand.Parse(message));
}
