using OpenClaw.Grains.Sessions;

namespace OpenClaw.Grains.Tests.Sessions;

/// <summary>Idempotency keys are remembered for 5 minutes, at most 1000 of them (the oldest are forgotten first).</summary>
public sealed class IdempotencyCacheTests
{
    [Fact]
    public void Key_IsRememberedForTheTtl_ThenForgotten()
    {
        var records = new List<IdempotencyRecord>();
        IdempotencyCache.Remember(records, "k", "run-k", 0);

        Assert.Equal("run-k", IdempotencyCache.Find(records, "k", (long)IdempotencyCache.Ttl.TotalMilliseconds));
        Assert.Null(IdempotencyCache.Find(records, "k", (long)IdempotencyCache.Ttl.TotalMilliseconds + 1));
        Assert.Empty(records);
    }

    [Fact]
    public void PastTheBound_TheOldestKeysAreForgotten()
    {
        var records = new List<IdempotencyRecord>();
        for (var i = 0; i <= IdempotencyCache.MaxEntries; i++) IdempotencyCache.Remember(records, $"k{i}", $"r{i}", i);

        Assert.Equal(IdempotencyCache.MaxEntries, records.Count);
        Assert.Null(IdempotencyCache.Find(records, "k0", 2_000));
        Assert.Equal("r1000", IdempotencyCache.Find(records, "k1000", 2_000));
    }
}
