using System.Text.Json;
using OpenClaw.Actors.Diagnostics;
using OpenClaw.Actors.RabbitMq.Status;
using OpenClaw.Actors.Runtime.Diagnostics;

namespace OpenClaw.Actors.RabbitMq.Silo.Status;

/// <summary>A cluster silo's beat: its grain types and activations, and the shards the broker delivers to it now.</summary>
internal sealed class SiloBeatSource(SiloStatusCollector collector, RabbitMqShardOwnership ownership) : IStatusBeatSource
{
    public string Kind => StatusTopology.SiloBeat;

    public SiloStatusReport Current() => collector.Collect(ownership.OwnedShards);

    public byte[] Build() => JsonSerializer.SerializeToUtf8Bytes(Current(), DiagnosticsJson.Default.SiloStatusReport);
}
