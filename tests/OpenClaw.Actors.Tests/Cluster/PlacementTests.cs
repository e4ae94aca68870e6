using OpenClaw.Actors.Placement;

namespace OpenClaw.Actors.Tests.Cluster;

/// <summary>Placement hashes are stable across processes (FNV-1a 64 over UTF-8) and spread keys over shards.</summary>
public sealed class PlacementTests
{
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void Fnv1a64_KnownVectors_Match(string value, ulong expected) => Assert.Equal(expected, StableHash.Fnv1a64(value));

    [Fact]
    public void Fnv1a64_NonAsciiAndLongStrings_HashTheirUtf8Bytes()
    {
        var longValue = new string('é', 1000);
        Assert.Equal(StableHash.Fnv1a64(System.Text.Encoding.UTF8.GetBytes(longValue)), StableHash.Fnv1a64(longValue));
    }

    [Fact]
    public void ShardOf_ManyKeys_SpreadsOverAllShardsAndIsDeterministic()
    {
        var shards = Enumerable.Range(0, 1000).Select(i => ShardMap.ShardOf(GrainId.Create("chatsession", $"agent:main:{i}"), 16)).ToList();

        Assert.Equal(16, shards.Distinct().Count());
        Assert.All(shards.GroupBy(s => s), g => Assert.InRange(g.Count(), 30, 100));
        Assert.Equal(shards[7], ShardMap.ShardOf(GrainId.Create("chatsession", "agent:main:7"), 16));
    }
}
