using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Sessions;

/// <summary>
/// Outcomes of the last runs, for <c>agent.wait</c> after the fact. Overflow rule: past <see cref="MaxEntries"/> the
/// oldest outcomes are dropped (a wait on such a run reports it as unknown).
/// </summary>
internal static class RecentRuns
{
    public const int MaxEntries = 50;

    public static void Add(List<RunSnapshot> runs, RunSnapshot snapshot)
    {
        runs.RemoveAll(r => r.RunId == snapshot.RunId);
        runs.Add(snapshot);
        if (runs.Count > MaxEntries) runs.RemoveRange(0, runs.Count - MaxEntries);
    }

    public static RunSnapshot? Find(List<RunSnapshot> runs, string runId) => runs.FindLast(r => r.RunId == runId);
}
