using OpenClaw.Actors.Runtime.Scheduling;

namespace OpenClaw.Actors.Runtime.Timers;

/// <summary>One timer tick as a turn of the activation.</summary>
internal sealed class TimerTickRequest(IGrainTimerTicks timer) : ActivationRequest
{
    public override bool IsCall => false;
    public override bool AlwaysInterleave => timer.Interleave;
    public override bool ReadOnly => false;
    public override bool CountsAsActivity => timer.KeepAlive;

    public override async Task ExecuteAsync(Grain grain)
    {
        try
        {
            await timer.TickAsync();
        }
        finally
        {
            timer.OnTickFinished();
        }
    }

    public override void Reject(Exception exception) => timer.OnTickFinished();
}
