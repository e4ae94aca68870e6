namespace OpenClaw.Actors.References;

public static class GrainReferenceExtensions
{
    /// <summary>The identity of a grain reference created by a <see cref="GrainFactory"/>.</summary>
    public static GrainId GetGrainId(this IAddressable reference) => reference is IGrainReference grainReference
        ? grainReference.GrainId
        : throw new ArgumentException($"{reference.GetType().Name} is not a grain reference created by a grain factory.", nameof(reference));
}
