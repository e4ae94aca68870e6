using System.Reflection;
using OpenClaw.Actors.Metadata;

namespace OpenClaw.Actors.References;

/// <summary>Creates grain references; a reference is a small object and the grain activates on its first call.</summary>
public sealed class GrainFactory(GrainCallRuntime runtime) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        var metadata = GrainInterfaceMetadata.For<TGrainInterface>();
        var reference = DispatchProxy.Create<TGrainInterface, GrainReferenceProxy>();
        ((GrainReferenceProxy)(object)reference).Initialize(new GrainId(metadata.GrainType, primaryKey), metadata, runtime);
        return reference;
    }
}
