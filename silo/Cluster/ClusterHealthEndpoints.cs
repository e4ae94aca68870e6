namespace OpenClaw.Silo.Cluster;

/// <summary>
/// The silo's only HTTP surface: liveness and readiness for orchestrators (docker-compose healthchecks). Ready means
/// every hosted service started (the silo joined its shard queues) and shutdown has not begun.
/// </summary>
internal static class ClusterHealthEndpoints
{
    public static void MapClusterHealth(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("""{"ok":true,"status":"live"}""", "application/json"));
        app.MapGet("/readyz", (IHostApplicationLifetime lifetime) =>
        {
            var ready = lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;
            return Results.Text(ready ? """{"ready":true}""" : """{"ready":false}""", "application/json",
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
