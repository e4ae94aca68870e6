using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenClaw.Grains.Agents.Tools;
using OpenClaw.Grains.Agents.Tools.Exec;
using OpenClaw.Grains.Agents.Tools.Files;
using OpenClaw.Grains.Agents.Tools.Sessions;

namespace Microsoft.Extensions.DependencyInjection;

public static class ToolServiceCollectionExtensions
{
    /// <summary>
    /// The built-in agent tools (exec, read, write, edit, sessions_list, sessions_history, sessions_send) as
    /// <see cref="IAgentTool"/>s and the <see cref="IToolCatalog"/> that filters them per agent. Needs an
    /// <c>IOpenClawConfigSource</c> and logging from the host. Plugins add tools with
    /// <c>services.AddSingleton&lt;IAgentTool, TheirTool&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddOpenClawTools(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ShellRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentTool, ExecTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentTool, ReadTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentTool, WriteTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentTool, EditTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentTool, SessionsListTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentTool, SessionsHistoryTool>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAgentTool, SessionsSendTool>());
        services.TryAddSingleton<ToolCatalog>();
        services.TryAddSingleton<IToolCatalog>(sp => sp.GetRequiredService<ToolCatalog>());
        return services;
    }
}
