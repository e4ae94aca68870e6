using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OpenClaw.Actors.Placement;

namespace OpenClaw.Actors.RabbitMq.Streams;

/// <summary>
/// Broker names of the stream provider and how stream ids map onto them:
/// <list type="bullet">
/// <item><c>{prefix}.streams</c>: one durable topic exchange every node publishes to.</item>
/// <item><c>{prefix}.streams.{node}.{unique}</c>: one queue per provider instance (node), bound once per subscribed
/// stream id (exact routing key) or namespace (<c>{namespace word}.*</c>).</item>
/// <item>Routing key <c>{namespace word}.{key word}</c>: the namespace as is when it is a plain word, else a hash; the
/// key always as a hash (SHA-256, 128 bits in hex), because keys such as session keys hold dots, and could hold
/// <c>*</c> or <c>#</c>, which mean something in a topic binding. The real stream id travels in the message headers;
/// a hash collision only costs a delivery the node then ignores.</item>
/// </list>
/// </summary>
internal sealed partial class StreamTopology
{
    public StreamTopology(string prefix, string nodeName)
    {
        Exchange = $"{prefix}.streams";
        NodeQueue = $"{Exchange}.{Word(nodeName)}.{Guid.NewGuid():N}";
    }

    public string Exchange { get; }

    public string NodeQueue { get; }

    public static string RoutingKey(StreamId streamId) => $"{NamespaceWord(streamId.Namespace)}.{Hash(streamId.Key)}";

    /// <summary>The binding that delivers <paramref name="streamId"/>: exact for a stream, <c>{namespace}.*</c> for <see cref="StreamId.AllKeys"/>.</summary>
    public static string BindingKey(StreamId streamId) =>
        streamId.Key == StreamId.AllKeys ? $"{NamespaceWord(streamId.Namespace)}.*" : RoutingKey(streamId);

    /// <summary>The publish channel of a stream: always the same one, so one stream's items are written in order.</summary>
    public static int LaneOf(StreamId streamId, int laneCount) =>
        (int)(StableHash.Fnv1a64($"{streamId.Namespace}\n{streamId.Key}") % (ulong)laneCount);

    public Dictionary<string, object?> NodeQueueArguments(RabbitMqStreamOptions options) => new()
    {
        ["x-max-length"] = options.NodeQueueMaxLength,
        ["x-max-length-bytes"] = options.NodeQueueMaxBytes,
        // A node that falls behind loses its oldest events rather than making every publisher in the cluster wait.
        ["x-overflow"] = "drop-head",
        ["x-expires"] = (int)Math.Min(int.MaxValue, options.NodeQueueExpiry.TotalMilliseconds),
    };

    private static string NamespaceWord(string @namespace) => PlainWord().IsMatch(@namespace) ? @namespace : "h" + Hash(@namespace);

    private static string Word(string value) => PlainWord().IsMatch(value) ? value : Hash(value);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex PlainWord();
}
