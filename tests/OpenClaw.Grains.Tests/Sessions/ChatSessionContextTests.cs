using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenClaw.GrainInterfaces.Messages;
using OpenClaw.GrainInterfaces.Sessions;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Sessions;
using OpenClaw.Grains.Tests.Sessions.Support;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Tests.Sessions;

/// <summary>
/// A run's model context comes from the session's in-memory copy of its transcript, not from re-reading the file.
/// That copy must say exactly what the file says: in the activation that wrote it, and in a new activation on a new
/// silo after the first one was killed (which loads it from the file once).
/// </summary>
public sealed class ChatSessionContextTests : IDisposable
{
    private readonly TempStateDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string Json(IEnumerable<ChatMessage> messages) => JsonSerializer.Serialize(messages.ToList(), TranscriptJson.Options);

    /// <summary>The context a run would get from the file, leaving out the last <paramref name="skipLast"/> entries (the run's own reply).</summary>
    private static async Task<string> FileContextAsync(SessionSilo silo, string sessionId, int skipLast)
    {
        var content = await silo.Services.GetRequiredService<ITranscriptStore>()
            .ReadAsync(new TranscriptRef("main", sessionId), CancellationToken.None);
        return Json(RunContextBuilder.Build(content.Entries.Take(content.Entries.Count - skipLast).ToList()));
    }

    [Fact]
    public async Task RunContext_EqualsTheTranscriptOnDisk_InTheSameActivationAndAfterAKilledSilo()
    {
        var key = $"agent:main:context-{Guid.NewGuid():N}";
        var first = new ScriptedModelRouter();
        string sessionId;
        await using (var silo = await SessionSilo.StartAsync(_directory.Path, first, durable: true))
        {
            await using var log = await SessionEventLog.SubscribeAsync(silo.Streams, key);
            foreach (var i in new[] { 1, 2 })
            {
                sessionId = (await silo.Session(key).SendAsync(new SendMessage { Text = $"message {i}", IdempotencyKey = $"k{i}" })).SessionId;
                await log.WaitForCompletionAsync($"k{i}");
            }

            sessionId = (await silo.Session(key).GetEntryAsync())!.SessionId;
            Assert.Equal(["message 1", "echo: message 1", "message 2"], first.Requests[1].Messages.Select(m => m.Text()));
            Assert.Equal(await FileContextAsync(silo, sessionId, skipLast: 1), Json(first.Requests[1].Messages));
            await silo.KillAsync();
        }

        var second = new ScriptedModelRouter();
        await using var restarted = await SessionSilo.StartAsync(_directory.Path, second, durable: true);
        await using var restartedLog = await SessionEventLog.SubscribeAsync(restarted.Streams, key);
        await restarted.Session(key).SendAsync(new SendMessage { Text = "message 3", IdempotencyKey = "k3" });
        await restartedLog.WaitForCompletionAsync("k3");

        var request = Assert.Single(second.Requests);
        Assert.Equal(["message 1", "echo: message 1", "message 2", "echo: message 2", "message 3"], request.Messages.Select(m => m.Text()));
        Assert.Equal(await FileContextAsync(restarted, sessionId, skipLast: 1), Json(request.Messages));
    }
}
