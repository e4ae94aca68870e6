namespace OpenClaw.Actors.Runtime.Activation;

internal enum ActivationState
{
    /// <summary>In the catalog, nothing started yet.</summary>
    Created,
    /// <summary>Constructing the grain, reading state, running OnActivateAsync; requests queue up.</summary>
    Activating,
    /// <summary>Serving requests.</summary>
    Valid,
    /// <summary>Finishing accepted requests, then OnDeactivateAsync; new requests go to the next activation.</summary>
    Deactivating,
    /// <summary>Gone from the catalog.</summary>
    Deactivated,
}
