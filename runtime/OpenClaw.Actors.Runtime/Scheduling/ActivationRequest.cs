namespace OpenClaw.Actors.Runtime.Scheduling;

/// <summary>One unit of work for an activation's mailbox: a call, a timer tick, a reminder.</summary>
internal abstract class ActivationRequest
{
    /// <summary>Calls count toward the mailbox bound; internal work (timer ticks) does not.</summary>
    public abstract bool IsCall { get; }

    /// <summary>May start while anything else runs.</summary>
    public abstract bool AlwaysInterleave { get; }

    /// <summary>May run alongside other read-only requests.</summary>
    public abstract bool ReadOnly { get; }

    /// <summary>Whether finishing it resets the idle clock.</summary>
    public abstract bool CountsAsActivity { get; }

    /// <summary>Runs the request on the activation's scheduler. Never throws: failures go to the request's caller.</summary>
    public abstract Task ExecuteAsync(Grain grain);

    /// <summary>The request will not run (activation failed or was dropped).</summary>
    public abstract void Reject(Exception exception);
}
