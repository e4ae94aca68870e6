namespace OpenClaw.Gateway.Rpc;

/// <summary>One openclaw method family; maps its names to handlers once, at startup.</summary>
public interface IRpcMethodGroup
{
    void Map(RpcMethodTable methods);
}
