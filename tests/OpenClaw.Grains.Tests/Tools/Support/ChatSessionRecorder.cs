using System.Collections.Concurrent;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;

namespace OpenClaw.Grains.Tests.Tools.Support;

/// <summary>What <see cref="RecordingChatSessionGrain"/> received, and the history it answers with, per session key.</summary>
public sealed class ChatSessionRecorder
{
    public ConcurrentQueue<(string SessionKey, SendMessage Message)> Sent { get; } = new();

    public ConcurrentDictionary<string, IReadOnlyList<ChatMessage>> Histories { get; } = new(StringComparer.Ordinal);

    /// <summary>When set for a key, SendAsync throws it (to exercise the tools' failure path).</summary>
    public ConcurrentDictionary<string, Exception> Failures { get; } = new(StringComparer.Ordinal);
}
