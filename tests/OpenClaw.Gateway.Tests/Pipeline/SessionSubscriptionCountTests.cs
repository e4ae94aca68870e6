using OpenClaw.Gateway.Connections;
using OpenClaw.Gateway.Events.SessionEvents;

namespace OpenClaw.Gateway.Tests.Pipeline;

/// <summary>The running total the dashboard reports as a front node's subscriptions.</summary>
public sealed class SessionSubscriptionCountTests
{
    [Fact]
    public void FollowCount_FollowsAndSessionChanges_CountsEachOnce()
    {
        var subscriptions = new SessionSubscriptions(new ConnectionRegistry());

        subscriptions.Follow("conn-1", "agent:main:a");
        subscriptions.Follow("conn-1", "agent:main:a");
        subscriptions.FollowRunSession("conn-1", "agent:main:b");
        subscriptions.Follow("conn-2", "agent:main:a");
        subscriptions.SubscribeSessionChanges("conn-2");
        subscriptions.SubscribeSessionChanges("conn-2");
        var afterSubscribing = subscriptions.FollowCount;
        subscriptions.Unfollow("conn-1", "agent:main:a");
        subscriptions.Unfollow("conn-1", "agent:main:a");

        Assert.Equal(4, afterSubscribing);
        Assert.Equal(3, subscriptions.FollowCount);
    }

    [Fact]
    public void FollowCount_ClosedConnectionsPruned_TheirEntriesLeaveTheTotal()
    {
        var subscriptions = new SessionSubscriptions(new ConnectionRegistry());
        for (var i = 0; i < 33; i++) // one more than the prune slack
        {
            subscriptions.Follow($"closed-{i}", "agent:main:a");
        }

        // More entries than live connections (none) plus the slack: this subscribe prunes the closed ones first.
        subscriptions.Follow("conn-live", "agent:main:b");

        Assert.Equal(1, subscriptions.FollowCount);
    }
}
