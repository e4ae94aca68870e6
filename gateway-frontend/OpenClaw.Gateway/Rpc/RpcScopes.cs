namespace OpenClaw.Gateway.Rpc;

/// <summary>Non-operator-scope requirements for <see cref="RpcMethodTable.Map{TParams, TResult}"/>.</summary>
public static class RpcScopes
{
    /// <summary>Any authenticated connection may call it (as <c>health</c>).</summary>
    public const string Open = "open";

    /// <summary>Only connections with role <c>node</c> may call it.</summary>
    public const string Node = "node";
}
