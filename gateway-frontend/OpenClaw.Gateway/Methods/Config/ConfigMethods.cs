using OpenClaw.Configuration;
using OpenClaw.Gateway.Hosting;
using OpenClaw.Gateway.Protocol;
using OpenClaw.Gateway.Rpc;

namespace OpenClaw.Gateway.Methods.Config;

/// <summary>
/// The read side of openclaw's config family: <c>config.get</c> (redacted) and <c>config.schema</c>. Both stay
/// <c>operator.read</c> upstream; the writes (<c>config.set/patch/apply</c>) are admin and not implemented here.
/// </summary>
internal sealed class ConfigMethods(IOpenClawConfigSource config) : IRpcMethodGroup
{
    public void Map(RpcMethodTable methods)
    {
        var json = MethodsJson.Default;

        methods.Map("config.get", OperatorScopes.Read, json.EmptyMethodParams, json.ConfigGetResult,
            (_, _, _) => Task.FromResult(ConfigGetResponse.From(config.Current)));

        methods.Map("config.schema", OperatorScopes.Read, json.EmptyMethodParams, json.ConfigSchemaResult,
            (_, _, _) => Task.FromResult(new ConfigSchemaResult(
                ConfigSchema.BuildJsonSchema(), ConfigSchema.BuildUiHints(), GatewayLifecycle.Version)));
    }
}
