using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Actors;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Sessions;
using OpenClaw.Grains.Storage;
using OpenClaw.Grains.Transcripts;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrainServiceCollectionExtensions
{
    /// <summary>
    /// Services the OpenClaw grains depend on (not the grain classes: the silo registers those from this assembly).
    /// With <paramref name="useLayoutFiles"/> the <see cref="OpenClawStorageNames.Layout"/> storage writes OpenClaw's
    /// file layout under <paramref name="stateDirectory"/>; without it the caller registers that storage name itself
    /// (memory storage in tests, blob storage in a cluster).
    /// </summary>
    public static IServiceCollection AddOpenClawGrainServices(this IServiceCollection services, string stateDirectory, bool useLayoutFiles = true)
    {
        var paths = new OpenClawStatePaths(stateDirectory);
        services.AddSingleton(paths);
        services.AddSingleton<ISessionStorePaths>(paths);
        services.AddSingleton<ILayoutPathMapping>(new LayoutPathMapping(
            new GrainType("sessionindex"), (id, _) => paths.SessionStorePath(id.Key)));
        if (useLayoutFiles)
        {
            services.AddKeyedSingleton<IGrainStorage>(OpenClawStorageNames.Layout,
                (sp, _) => new OpenClawLayoutStorage(sp.GetServices<ILayoutPathMapping>()));
        }
        services.TryAddSingleton(TimeProvider.System);
        AddChatSessionServices(services);
        return services;
    }

    /// <summary>
    /// What chat sessions and their runs need besides the model router and the tool catalog, which the agent
    /// features register (<see cref="OpenClaw.Grains.Agents.Models.IModelRouter"/>, <see cref="OpenClaw.Grains.Agents.Tools.IToolCatalog"/>) and which
    /// must be present before a session runs. The transcript store and prompt source are replaceable (TryAdd).
    /// </summary>
    private static void AddChatSessionServices(IServiceCollection services)
    {
        services.TryAddSingleton<ITranscriptStore, JsonlTranscriptStore>();
        services.TryAddSingleton<IAgentPromptSource, DefaultAgentPromptSource>();
        services.TryAddSingleton<AgentRunLimiter>();
        services.TryAddSingleton<AgentRunServices>();
    }
}
