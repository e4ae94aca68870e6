using System.Text.Json;
using OpenClaw.Actors.Diagnostics;

namespace OpenClaw.Actors.RabbitMq.Status;

/// <summary>A front node's beat: its name and the counters its gateway reports (zero when no gateway is registered).</summary>
internal sealed class FrontBeatSource(string nodeName, IEnumerable<IFrontStatusSource> sources, TimeProvider time) : IStatusBeatSource
{
    private readonly IFrontStatusSource? _source = sources.FirstOrDefault();

    public string NodeName { get; } = nodeName;
    public string Kind => StatusTopology.FrontBeat;

    public FrontStatusReport Current()
    {
        var counters = _source?.Read() ?? new FrontCounters(0, null);
        return new FrontStatusReport(NodeName, time.GetUtcNow(), counters.Connections, counters.Subscriptions);
    }

    public byte[] Build() => JsonSerializer.SerializeToUtf8Bytes(Current(), DiagnosticsJson.Default.FrontStatusReport);
}
