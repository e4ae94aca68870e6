namespace OpenClaw.Grains.Agents.Tools.Exec;

/// <summary>A command for <c>/bin/bash -c</c>, where it runs, and how long it may take.</summary>
public sealed record ShellCommand(string Command, string WorkingDirectory, TimeSpan Timeout);

/// <summary>
/// How a command ended. <see cref="ExitCode"/> is null when it was killed on timeout.
/// <see cref="OutputStillOpen"/>: the shell exited but a background process kept the output pipe open, so reading
/// stopped after a grace period (that process keeps running).
/// </summary>
public sealed record ShellOutcome(int? ExitCode, bool TimedOut, string Output, long OutputBytes, bool OutputStillOpen, TimeSpan Elapsed);
