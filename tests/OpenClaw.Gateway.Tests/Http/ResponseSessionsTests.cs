using Microsoft.AspNetCore.Http;
using OpenClaw.Gateway.Http.Responses;

namespace OpenClaw.Gateway.Tests.Http;

/// <summary>The <c>previous_response_id</c> map: scoped to its caller, expiring after 30 minutes, bounded to 500 entries.</summary>
public sealed class ResponseSessionsTests
{
    private static readonly ResponseSessions.Scope Alice = new("alice-hash", "main", null);

    [Fact]
    public void Find_SameScope_ReturnsTheSessionOfTheResponse()
    {
        var sessions = new ResponseSessions(new ManualClock());

        sessions.Remember("resp_1", "agent:main:openresponses:a", Alice);

        Assert.Equal("agent:main:openresponses:a", sessions.Find("resp_1", Alice));
        Assert.Null(sessions.Find("resp_2", Alice));
        Assert.Null(sessions.Find(null, Alice));
    }

    [Fact]
    public void Find_OtherCallerAgentOrSessionHeader_DoesNotContinue()
    {
        var sessions = new ResponseSessions(new ManualClock());
        sessions.Remember("resp_1", "agent:main:x", Alice);

        Assert.Null(sessions.Find("resp_1", Alice with { Subject = "bob-hash" }));
        Assert.Null(sessions.Find("resp_1", Alice with { AgentId = "helper" }));
        Assert.Null(sessions.Find("resp_1", Alice with { SessionHeader = "agent:main:other" }));
    }

    [Fact]
    public void Find_AfterTheLifetime_Forgets()
    {
        var clock = new ManualClock();
        var sessions = new ResponseSessions(clock);
        sessions.Remember("resp_1", "agent:main:x", Alice);

        clock.Advance(ResponseSessions.Lifetime);
        Assert.Equal("agent:main:x", sessions.Find("resp_1", Alice));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(sessions.Find("resp_1", Alice));
    }

    [Fact]
    public void Remember_WhenFull_DropsTheOldestEntry()
    {
        var sessions = new ResponseSessions(new ManualClock());

        for (var i = 0; i <= ResponseSessions.Capacity; i++) sessions.Remember($"resp_{i}", $"session-{i}", Alice);

        Assert.Null(sessions.Find("resp_0", Alice));
        Assert.Equal("session-1", sessions.Find("resp_1", Alice));
        Assert.Equal($"session-{ResponseSessions.Capacity}", sessions.Find($"resp_{ResponseSessions.Capacity}", Alice));
    }

    [Fact]
    public void ScopeOf_HashesTheBearerAndNeverKeepsIt()
    {
        var request = new DefaultHttpContext().Request;
        request.Headers.Authorization = "Bearer secret-token";

        var scope = ResponseSessions.ScopeOf(request, "main", "");

        Assert.DoesNotContain("secret-token", scope.Subject, StringComparison.Ordinal);
        Assert.Equal(64, scope.Subject.Length);
        Assert.NotEqual(scope.Subject, ResponseSessions.ScopeOf(new DefaultHttpContext().Request, "main", "").Subject);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
