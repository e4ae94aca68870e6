namespace OpenClaw.Gateway.Dashboard;

internal static partial class DashboardAssets
{
    /// <summary>
    /// Polls the JSON every 1.5 s (never two requests at once) and redraws the tables. A 401 means the session cookie
    /// is gone (secret changed): back to the login form.
    /// </summary>
    public const string Script = """
        "use strict";
        (function () {
          const statusUrl = "/dashboard/api/status";
          const pollMs = 1500;

          function text(value) {
            return value === null || value === undefined ? "—" : String(value);
          }

          function number(value, digits) {
            return typeof value === "number" ? value.toFixed(digits) : "—";
          }

          function row(cells, className) {
            const tr = document.createElement("tr");
            if (className) tr.className = className;
            for (const cell of cells) {
              const td = document.createElement("td");
              td.textContent = cell;
              tr.appendChild(td);
            }
            return tr;
          }

          function fill(tableId, rows) {
            const body = document.querySelector("#" + tableId + " tbody");
            body.replaceChildren(...rows);
          }

          function age(generatedAt, lastSeen) {
            const seconds = (Date.parse(generatedAt) - Date.parse(lastSeen)) / 1000;
            return isFinite(seconds) ? Math.max(0, seconds).toFixed(1) + " s ago" : "—";
          }

          function byType(map) {
            const parts = [];
            for (const key of Object.keys(map || {}).sort()) parts.push(key + ": " + map[key]);
            return parts.length ? parts.join(", ") : "—";
          }

          function render(report) {
            document.getElementById("mode").textContent = text(report.mode);
            document.getElementById("reported-by").textContent = "answered by " + text(report.reportedBy);

            fill("silos", (report.silos || []).map(s => row([
              text(s.name), s.alive ? "yes" : "no", text(s.shardsOwned), text(s.activations),
              byType(s.activationsByGrainType), age(report.generatedAt, s.lastSeen)], s.alive ? "" : "dead")));

            const types = report.grainTypes || [];
            fill("grain-types", types.map(g => row([
              text(g.grainType), text(g.activations), number(g.callsPerSecond, 2), number(g.p50Ms, 3), number(g.p99Ms, 3),
              number(g.errorsPerSecond, 2), text(g.calls), text(g.errors)], g.errors > 0 ? "errors" : "")));
            const windowSeconds = types.length ? Math.max(...types.map(g => g.windowSeconds || 0)) : 0;
            document.getElementById("window-note").textContent =
              "Rates and percentiles cover the last " + windowSeconds.toFixed(1) + " s; calls and errors count since each silo started.";

            fill("fronts", (report.fronts || []).map(f => row([
              text(f.name), f.alive ? "yes" : "no", text(f.connections), text(f.subscriptions),
              age(report.generatedAt, f.lastSeen)], f.alive ? "" : "dead")));

            const shards = report.shards || { items: [] };
            document.getElementById("shard-count").textContent = "(" + text(shards.count) + ")";
            document.getElementById("shard-note").textContent = text(shards.note);
            fill("shards", (shards.items || []).map(s => row([
              text(s.shard), text(s.owner), shards.queueDepthReported ? text(s.queueDepth) : "not reported", text(s.consumers)],
              s.owner ? "" : "unowned")));
          }

          function setState(message, ok) {
            const state = document.getElementById("state");
            state.textContent = message;
            state.className = ok ? "state ok" : "state failing";
          }

          async function poll() {
            try {
              const response = await fetch(statusUrl, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } });
              if (response.status === 401) {
                window.location.assign("/dashboard");
                return;
              }
              if (!response.ok) {
                setState("status request failed: HTTP " + response.status, false);
              } else {
                render(await response.json());
                setState("live · " + new Date().toLocaleTimeString(), true);
              }
            } catch (error) {
              setState("unreachable: " + (error && error.message ? error.message : "network error"), false);
            }
            setTimeout(poll, pollMs);
          }

          poll();
        })();
        """;

    public const string Styles = """
        :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
        body { margin: 0; padding: 0 1.5rem 2rem; }
        header { display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; border-bottom: 1px solid #8884; }
        h1 { font-size: 1.4rem; }
        h2 { font-size: 1.1rem; display: inline; }
        section { margin-top: 1.5rem; }
        table { border-collapse: collapse; margin-top: .5rem; min-width: 40rem; }
        th, td { text-align: left; padding: .25rem .75rem; border-bottom: 1px solid #8883; font-variant-numeric: tabular-nums; }
        th { font-weight: 600; }
        tr.dead td { opacity: .55; text-decoration: line-through; }
        tr.errors td:nth-child(8) { color: #c33; font-weight: 600; }
        tr.unowned td:nth-child(2) { color: #c33; }
        .badge { padding: .1rem .5rem; border-radius: .5rem; background: #8882; }
        .state.ok { color: #2a2; }
        .state.failing { color: #c33; }
        .note { color: #888; font-size: .9rem; }
        summary { cursor: pointer; }
        .login { max-width: 24rem; margin: 4rem auto; display: flex; flex-direction: column; gap: .75rem; }
        .login form { display: flex; flex-direction: column; gap: .5rem; }
        .login input, .login button { font-size: 1rem; padding: .4rem; }
        """;
}
