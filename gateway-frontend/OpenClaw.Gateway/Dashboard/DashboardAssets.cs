namespace OpenClaw.Gateway.Dashboard;

/// <summary>
/// The dashboard's page, login form, script and styles, self-contained (no CDN, no inline script: the CSP allows
/// only these files). Every value from the JSON is rendered with <c>textContent</c>, never as markup.
/// </summary>
internal static partial class DashboardAssets
{
    public const string LoginPrompt = "Enter the gateway token (or password) to open the dashboard.";
    public const string LoginRefused = "That token is not valid. Try again.";
    public const string LoginLockedOut = "Too many failed attempts from this address. Wait a little, then try again.";

    public const string Page = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>OpenClaw cluster</title>
        <link rel="stylesheet" href="/dashboard/dashboard.css">
        </head>
        <body>
        <header>
          <h1>OpenClaw cluster</h1>
          <span id="mode" class="badge"></span>
          <span id="reported-by"></span>
          <span id="state" class="state">connecting…</span>
        </header>
        <main>
          <section>
            <h2>Silos</h2>
            <table id="silos">
              <thead><tr><th>Name</th><th>Alive</th><th>Shards owned</th><th>Activations</th><th>Activations by grain type</th><th>Last seen</th></tr></thead>
              <tbody></tbody>
            </table>
          </section>
          <section>
            <h2>Grain types</h2>
            <table id="grain-types">
              <thead><tr><th>Grain type</th><th>Activations</th><th>Calls/s</th><th>p50 ms</th><th>p99 ms</th><th>Errors/s</th><th>Calls</th><th>Errors</th></tr></thead>
              <tbody></tbody>
            </table>
            <p class="note" id="window-note"></p>
          </section>
          <section>
            <h2>Front nodes</h2>
            <table id="fronts">
              <thead><tr><th>Name</th><th>Alive</th><th>Connections</th><th>Subscriptions</th><th>Last seen</th></tr></thead>
              <tbody></tbody>
            </table>
          </section>
          <section>
            <details id="shards-section" open>
              <summary><h2>Shards <span id="shard-count"></span></h2></summary>
              <p class="note" id="shard-note"></p>
              <table id="shards">
                <thead><tr><th>Shard</th><th>Owner</th><th>Queue depth</th><th>Consumers</th></tr></thead>
                <tbody></tbody>
              </table>
            </details>
          </section>
        </main>
        <script src="/dashboard/dashboard.js"></script>
        </body>
        </html>
        """;

    /// <summary>The login form; <paramref name="message"/> is one of the constants above, never request data.</summary>
    public static string LoginPage(string message) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>OpenClaw cluster: sign in</title>
        <link rel="stylesheet" href="/dashboard/dashboard.css">
        </head>
        <body>
        <main class="login">
          <h1>OpenClaw cluster</h1>
          <p>{{message}}</p>
          <form method="post" action="/dashboard/login">
            <label for="token">Gateway token</label>
            <input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
            <button type="submit">Open dashboard</button>
          </form>
        </main>
        </body>
        </html>
        """;
}
