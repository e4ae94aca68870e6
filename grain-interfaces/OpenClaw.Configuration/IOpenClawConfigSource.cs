namespace OpenClaw.Configuration;

/// <summary>The current config, replaced as a whole on every successful reload.</summary>
public interface IOpenClawConfigSource
{
    /// <summary>The latest snapshot that loaded without errors.</summary>
    ConfigSnapshot Current { get; }

    /// <summary>Raised after <see cref="Current"/> has been replaced by a newer snapshot.</summary>
    event EventHandler<ConfigSnapshot>? Changed;
}
