using System.Net.Sockets;

namespace OpenClaw.Bench;

/// <summary>What the RabbitMQ bench modes share: picking the mode from the arguments and finding the broker.</summary>
internal static class BrokerBenchSupport
{
    /// <summary>True when the arguments hold <c>--only <paramref name="mode"/></c>.</summary>
    public static bool IsOnly(IReadOnlyList<string> args, string mode) =>
        args.Select((arg, i) => arg == "--only" && i + 1 < args.Count && args[i + 1] == mode).Any(found => found);

    /// <summary>The broker URI (OPENCLAW_RABBITMQ_URI or the local test broker), or null after telling the user none answers.</summary>
    public static async Task<string?> FindBrokerAsync()
    {
        var uri = Environment.GetEnvironmentVariable("OPENCLAW_RABBITMQ_URI") is { Length: > 0 } configured ? configured : "amqp://guest:guest@127.0.0.1:5672/";
        var parsed = new Uri(uri);
        if (await ReachableAsync(parsed)) return uri;
        Console.Error.WriteLine($"bench: no RabbitMQ at {parsed.Host}:{parsed.Port}; start one with scripts/servers/rabbitmq.sh start");
        return null;
    }

    private static async Task<bool> ReachableAsync(Uri uri)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(uri.Host, uri.Port).WaitAsync(TimeSpan.FromSeconds(2));
            return true;
        }
        catch (Exception exception) when (exception is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
