using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Configuration;
using OpenClaw.Grains.Agents.Runs;
using OpenClaw.Grains.Agents.Workspace;
using OpenClaw.Grains.Storage;

namespace Microsoft.Extensions.DependencyInjection;

public static class WorkspaceServiceCollectionExtensions
{
    /// <summary>
    /// Makes agent runs use the workspace rules and the system prompt with AGENTS.md/SOUL.md/USER.md
    /// (<see cref="WorkspacePromptSource"/>) instead of the plain fallback, whichever is registered first. Needs
    /// <c>IOpenClawConfigSource</c> and the <see cref="OpenClawStatePaths"/> of <c>AddOpenClawGrainServices</c>;
    /// <c>~</c> in configured paths is the user's home unless <paramref name="homeDirectory"/> is given.
    /// </summary>
    public static IServiceCollection AddOpenClawAgentWorkspace(this IServiceCollection services, string? homeDirectory = null)
    {
        services.RemoveAll<IAgentPromptSource>();
        services.AddSingleton<IAgentPromptSource>(sp => new WorkspacePromptSource(
            sp.GetRequiredService<IOpenClawConfigSource>(),
            sp.GetRequiredService<OpenClawStatePaths>().StateDirectory,
            homeDirectory ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)));
        return services;
    }
}
