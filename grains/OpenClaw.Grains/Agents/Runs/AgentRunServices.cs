using Microsoft.Extensions.Logging;
using OpenClaw.Configuration;
using OpenClaw.Grains.Agents.Models;
using OpenClaw.Grains.Agents.Runs.Compaction;
using OpenClaw.Grains.Agents.Tools;
using OpenClaw.Grains.Transcripts;

namespace OpenClaw.Grains.Agents.Runs;

/// <summary>The silo-wide collaborators every run uses, in one DI singleton so the session grain takes one dependency.</summary>
public sealed class AgentRunServices(
    IModelRouter models,
    IToolCatalog tools,
    IAgentPromptSource prompts,
    ITranscriptStore transcripts,
    AgentRunLimiter limiter,
    IOpenClawConfigSource config,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public IModelRouter Models { get; } = models;
    public IToolCatalog Tools { get; } = tools;
    public IAgentPromptSource Prompts { get; } = prompts;
    public ITranscriptStore Transcripts { get; } = transcripts;
    public AgentRunLimiter Limiter { get; } = limiter;
    public IOpenClawConfigSource Config { get; } = config;
    public TimeProvider Time { get; } = time;
    public ContextCompactor Compactor { get; } = new(models);
    public ILogger RunLogger { get; } = loggers.CreateLogger<AgentRun>();
}
