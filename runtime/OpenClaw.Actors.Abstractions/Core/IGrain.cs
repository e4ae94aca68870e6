namespace OpenClaw.Actors;

/// <summary>Marker for grain interfaces. Methods return <see cref="Task"/> or <see cref="Task{TResult}"/>.</summary>
public interface IGrain : IAddressable;

/// <summary>Marker for anything that has a grain identity.</summary>
public interface IAddressable;

/// <summary>A grain addressed by a string key.</summary>
public interface IGrainWithStringKey : IGrain;
