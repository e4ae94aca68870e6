namespace OpenClaw.Actors.Runtime.Catalog;

/// <summary>A grain class registered for one grain interface (collected from DI into the <see cref="GrainClassRegistry"/>).</summary>
public sealed record GrainClassRegistration(Type InterfaceType, Type GrainClass);
