using OpenClaw.Actors;

namespace OpenClaw.Grains.Storage;

/// <summary>Maps one grain type's state to its file in OpenClaw's layout.</summary>
public interface ILayoutPathMapping
{
    GrainType GrainType { get; }
    string PathFor(GrainId grainId, string stateName);
}

/// <summary>A mapping from a delegate; one per grain type kept in the layout.</summary>
public sealed class LayoutPathMapping(GrainType grainType, Func<GrainId, string, string> pathFor) : ILayoutPathMapping
{
    public GrainType GrainType { get; } = grainType;
    public string PathFor(GrainId grainId, string stateName) => pathFor(grainId, stateName);
}
