import Hummingbird

/// HTTPTypes' field, through the HTTPFields Hummingbird exports.
typealias HTTPField = HTTPFields.Element

/// The one page, served by the binary itself (inline CSS and script, no network): the cluster's
/// figures and a rate chart, failed and unfinished jobs with Retry and Cancel, the latest results
/// with a filter, and the panel's charts (PanelReport, at /panel) of what has arrived so far. It
/// listens to `/events` (DashboardEventName) and builds every cell with textContent, so no record
/// text is ever read as HTML.
enum DashboardPage {
    enum Kind {
        case html, json, text, eventStream

        var contentType: String {
            switch self {
            case .html: return "text/html; charset=utf-8"
            case .json: return "application/json"
            case .text: return "text/plain; charset=utf-8"
            case .eventStream: return "text/event-stream"
            }
        }
    }

    /// What a response may load: its own origin only (and inline code for the page and the panel's
    /// page); never framed by another site.
    static func headers(_ kind: Kind) -> HTTPFields {
        var h = HTTPFields()
        h[.contentType] = kind.contentType
        h[.cacheControl] = "no-store"
        h[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        h[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        h[HTTPField.Name("Content-Security-Policy")!] = kind == .html
            ? "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
            : "default-src 'none'; frame-ancestors 'none'"
        return h
    }

    static let html = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>reportq dashboard</title>
        <link rel="icon" href="data:,">
        <style>
        body{font:14px/1.45 system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:0;color:#222;background:#f6f7f9}
        header{display:flex;gap:16px;align-items:baseline;padding:10px 20px;background:#1f2933;color:#eee}
        header h1{font-size:18px;margin:0}header .where{font-size:12px;color:#aab}
        main{padding:12px 20px;max-width:1280px}
        h2{font-size:15px;margin:18px 0 6px}
        .conn{font-size:12px;padding:1px 8px;border-radius:9px;background:#777}.conn.live{background:#2a7d2a}.conn.down{background:#c0392b}
        .cards{display:flex;flex-wrap:wrap;gap:10px}
        .card{background:#fff;border:1px solid #dde;border-radius:6px;padding:6px 12px;min-width:92px}
        .card .label{font-size:11px;color:#667;text-transform:uppercase;letter-spacing:.04em}
        .card .value{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}
        .card.failed .value{color:#c0392b}
        .row{display:flex;flex-wrap:wrap;gap:20px;align-items:flex-start}
        #rate{background:#fff;border:1px solid #dde;border-radius:6px}
        #rate .line{fill:none;stroke:#1f5fa8;stroke-width:1.5}#rate text{font-size:10px;fill:#667}
        table{border-collapse:collapse;background:#fff;width:100%}
        td,th{border-bottom:1px solid #e3e5ea;padding:3px 8px;text-align:left;vertical-align:top}
        th{font-size:12px;color:#556;background:#eef0f4}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.fresh td{animation:fresh 3s ease-out}
        @keyframes fresh{from{background:#fff3b0}to{background:transparent}}
        .code{font-family:ui-monospace,monospace;color:#c0392b}.muted{color:#889}.error-row td{color:#a33}
        button{font:inherit;font-size:12px;padding:1px 10px;cursor:pointer}
        .notice{padding:6px 10px;border-radius:4px;background:#fdecea;color:#8a1f11}
        .ok-notice{background:#e8f5e9;color:#1b5e20}
        .filters{display:flex;gap:8px;margin:4px 0 8px}
        iframe{width:100%;height:720px;border:1px solid #dde;background:#fff}
        </style></head><body>
        <header><h1>reportq</h1><span id="connection" class="conn">connecting…</span>
        <span class="where">broker <span id="broker">–</span> · records <span id="source">–</span></span></header>
        <main>
        <section id="cluster"><h2>Cluster</h2>
        <p id="broker-error" class="notice" hidden></p>
        <div class="row"><div class="cards">
        <div class="card"><div class="label">queued</div><div class="value" id="queued">–</div></div>
        <div class="card"><div class="label">in flight</div><div class="value" id="in-flight">–</div></div>
        <div class="card"><div class="label">to collect</div><div class="value" id="result-pending">–</div></div>
        <div class="card"><div class="label">done</div><div class="value" id="done">–</div></div>
        <div class="card failed"><div class="label">failed</div><div class="value" id="failed">–</div></div>
        <div class="card"><div class="label">jobs/s</div><div class="value" id="jobs-per-second">–</div></div>
        <div class="card"><div class="label">journal</div><div class="value" id="journal">–</div></div>
        </div>
        <svg id="rate" width="360" height="84" viewBox="0 0 360 84" role="img" aria-label="jobs per second over time"></svg></div>
        <p>Workers: <span id="workers">–</span></p>
        </section>
        <section id="jobs"><h2>Failed jobs <span id="failed-note" class="muted"></span></h2>
        <p id="action-result" class="notice" hidden></p>
        <table id="failed-jobs"><thead><tr><th>file</th><th>error code</th><th>message</th><th>attempts</th><th>state</th><th></th></tr></thead><tbody></tbody></table>
        <h2>Running and queued <span id="active-note" class="muted"></span></h2>
        <table id="active-jobs"><thead><tr><th>file</th><th>state</th><th>attempts</th><th>job</th><th></th></tr></thead><tbody></tbody></table>
        </section>
        <section id="results"><h2>Results <span id="records-note" class="muted"></span></h2>
        <div class="filters"><input id="filter-region" placeholder="region, e.g. 北京" aria-label="filter by region">
        <select id="filter-level" aria-label="filter by level"><option value="">all levels</option><option>national</option>
        <option>province</option><option>city</option><option>district</option></select></div>
        <table id="records"><thead><tr><th>region</th><th>level</th><th>plan year</th><th>GDP target</th><th>last year</th>
        <th>targets</th><th>file</th><th>record</th></tr></thead><tbody></tbody></table>
        </section>
        <section id="panel-section"><h2>Panel of what has arrived <span id="panel-note" class="muted"></span></h2>
        <iframe id="panel" title="panel charts"></iframe></section>
        </main>
        <script>
        "use strict";
        (function () {
          // A token arrives in the URL fragment (never sent to the server): keep it in a cookie, drop it from the address bar.
          const m = location.hash.match(/token=([0-9A-Za-z_-]+)/);
          if (m) {
            document.cookie = "reportq_dashboard_token=" + m[1] + "; path=/; SameSite=Strict";
            history.replaceState(null, "", location.pathname);
          }
          const $ = (id) => document.getElementById(id);
          const cell = (tr, text, cls) => { const td = document.createElement("td"); td.textContent = text == null ? "" : String(text); if (cls) td.className = cls; tr.appendChild(td); return td; };
          const bytes = (n) => n < 1024 ? n + " B" : n < 1048576 ? (n / 1024).toFixed(1) + " KB" : n < 1073741824 ? (n / 1048576).toFixed(1) + " MB" : (n / 1073741824).toFixed(2) + " GB";
          const setValue = (id, v) => { const e = $(id); e.textContent = v; e.dataset.value = v; };
          const fileOf = (job) => job.header ? (job.header.path || job.header.name) : "(file not kept)";
          const MAX_ROWS = 500;
          let rows = [];
          let fresh = new Set();
          let panelShown = -1, panelWanted = 0, panelTimer = null, panelLoadedAt = 0;

          function showCluster(c) {
            $("broker").textContent = c.broker; $("source").textContent = c.source + " (" + c.records + ")";
            const err = $("broker-error");
            err.hidden = c.reachable; err.textContent = c.error || "";
            const s = c.status;
            if (s) {
              setValue("queued", s.queued); setValue("in-flight", s.in_flight); setValue("result-pending", s.result_pending);
              setValue("done", s.done); setValue("failed", s.failed); setValue("jobs-per-second", Number(s.jobs_per_second).toFixed(2));
              setValue("journal", bytes(s.journal_bytes));
              const names = Object.keys(s.workers).sort();
              $("workers").textContent = names.length ? names.map((n) => n + " × " + s.workers[n]).join(", ") : "none";
            }
            drawRate(c.rate);
          }

          function drawRate(samples) {
            const svg = $("rate"), W = 360, H = 84, pad = 18;
            while (svg.firstChild) svg.removeChild(svg.firstChild);
            const ns = "http://www.w3.org/2000/svg";
            const text = (x, y, t, anchor) => { const e = document.createElementNS(ns, "text"); e.setAttribute("x", x); e.setAttribute("y", y); if (anchor) e.setAttribute("text-anchor", anchor); e.textContent = t; svg.appendChild(e); };
            if (!samples || samples.length < 2) { text(8, 44, "jobs/s over time: waiting for samples"); return; }
            const t0 = samples[0][0], t1 = samples[samples.length - 1][0];
            const top = Math.max(1, ...samples.map((s) => s[1]));
            const pts = samples.map((s) => [pad + (s[0] - t0) / Math.max(1, t1 - t0) * (W - pad - 6), H - 14 - s[1] / top * (H - 28)]);
            const line = document.createElementNS(ns, "polyline");
            line.setAttribute("class", "line"); line.setAttribute("points", pts.map((p) => p[0].toFixed(1) + "," + p[1].toFixed(1)).join(" "));
            svg.appendChild(line);
            text(2, 14, top.toFixed(top < 10 ? 1 : 0)); text(2, H - 12, "0");
            text(W - 4, H - 2, "now", "end"); text(pad, H - 2, "-" + Math.round((t1 - t0) / 1000) + " s");
            text(W / 2, 12, "jobs/s", "middle");
          }

          async function act(action, id, button) {
            button.disabled = true;
            const note = $("action-result");
            try {
              const r = await fetch("jobs/" + encodeURIComponent(id) + "/" + action, { method: "POST", headers: { "X-Reportq-Action": action }, credentials: "same-origin" });
              const body = await r.json().catch(() => ({ ok: false, message: "HTTP " + r.status }));
              note.hidden = false; note.className = body.ok ? "notice ok-notice" : "notice";
              note.dataset.action = action; note.dataset.job = id;
              note.textContent = action + " " + id + ": " + body.message;
            } catch (e) {
              note.hidden = false; note.className = "notice"; note.textContent = action + " failed: " + e;
            }
            button.disabled = false;
          }

          function button(label, action, id) {
            const b = document.createElement("button");
            b.textContent = label; b.dataset.action = action;
            b.addEventListener("click", () => act(action, id, b));
            return b;
          }

          function showJobs(j) {
            const failed = $("failed-jobs").tBodies[0], active = $("active-jobs").tBodies[0];
            failed.replaceChildren(); active.replaceChildren();
            for (const job of j.failed || []) {
              const tr = document.createElement("tr"); tr.className = "failed-job"; tr.dataset.jobId = job.job_id;
              cell(tr, fileOf(job)); cell(tr, job.error ? job.error.code : "", "code"); cell(tr, job.error ? job.error.message : "");
              cell(tr, job.attempts, "num"); cell(tr, job.state);
              const td = cell(tr, "");
              // Only a job whose error line is written can be stored again.
              if (job.state === "done") td.appendChild(button("Retry", "retry", job.job_id));
              failed.appendChild(tr);
            }
            $("failed-note").textContent = (j.failed || []).length ? "(" + j.failed.length + (j.failed_more ? "+" : "") + ")" : "none";
            for (const job of j.active || []) {
              const tr = document.createElement("tr"); tr.className = "active-job"; tr.dataset.jobId = job.job_id;
              cell(tr, fileOf(job)); cell(tr, job.state); cell(tr, job.attempts, "num"); cell(tr, job.job_id.slice(0, 12) + "…", "muted");
              cell(tr, "").appendChild(button("Cancel", "cancel", job.job_id));
              active.appendChild(tr);
            }
            $("active-note").textContent = (j.active || []).length ? "(" + j.active.length + (j.active_more ? "+" : "") + ")" : "none";
          }

          function gdpTarget(t) {
            if (!t) return "";
            if (t.measure === "not_set") return "not set";
            if (t.value == null) return t.text;
            return t.value + (t.value_max != null ? "–" + t.value_max : "") + (t.unit || "") + (t.qualifier ? " " + t.qualifier : "");
          }

          function showRecords() {
            const region = $("filter-region").value.trim(), level = $("filter-level").value;
            const body = $("records").tBodies[0];
            body.replaceChildren();
            let shown = 0;
            for (let i = rows.length - 1; i >= 0; i--) {
              const r = rows[i];
              if (region && !(r.region || "").includes(region)) continue;
              if (level && r.level !== level) continue;
              const tr = document.createElement("tr"); tr.className = "record" + (r.status === "error" ? " error-row" : "") + (fresh.has(r.job_id) ? " fresh" : "");
              tr.dataset.jobId = r.job_id; tr.dataset.status = r.status; tr.dataset.seen = r.seen;
              if (r.status === "error") {
                cell(tr, "error"); cell(tr, r.error_code, "code"); cell(tr, ""); cell(tr, ""); cell(tr, ""); cell(tr, "");
              } else {
                cell(tr, r.region); cell(tr, r.level); cell(tr, r.plan_year, "num"); cell(tr, gdpTarget(r.gdp_target), "gdp");
                cell(tr, r.gdp_actual && r.gdp_actual.growth != null ? r.gdp_actual.growth + "%" + (r.gdp_actual.year ? " (" + r.gdp_actual.year + ")" : "") : "", "actual");
                cell(tr, r.targets, "num");
              }
              cell(tr, r.path || r.name);
              const a = document.createElement("a"); a.href = "records/" + encodeURIComponent(r.job_id) + ".json"; a.textContent = "JSON"; a.target = "_blank"; a.rel = "noopener";
              cell(tr, "").appendChild(a);
              body.appendChild(tr);
              shown++;
            }
            $("records-note").textContent = "(" + shown + " shown of the latest " + rows.length + ")";
          }

          function addRecords(list) {
            if (!list.length) return;
            const first = rows.length === 0;
            // A reconnected stream starts with the rows the page has: each job once.
            const known = new Set(rows.map((r) => r.job_id));
            list = list.filter((r) => !known.has(r.job_id));
            if (!list.length) return;
            const now = Date.now();
            for (const r of list) { r.seen = now; rows.push(r); if (!first) fresh.add(r.job_id); }
            if (rows.length > MAX_ROWS) rows = rows.slice(rows.length - MAX_ROWS);
            showRecords();
            if (!first) setTimeout(() => { for (const r of list) fresh.delete(r.job_id); }, 3000);
          }

          // The panel is rebuilt from every record so far: at most every 2 s.
          function loadPanel() {
            panelTimer = null;
            if (panelWanted === panelShown) return;
            panelShown = panelWanted; panelLoadedAt = Date.now();
            $("panel").src = "panel?v=" + panelShown;
          }
          function wantPanel(p) {
            panelWanted = p.version; $("panel-note").textContent = "(" + p.records + " records)";
            if (panelTimer) return;
            panelTimer = setTimeout(loadPanel, Math.max(0, 2000 - (Date.now() - panelLoadedAt)));
          }

          $("filter-region").addEventListener("input", showRecords);
          $("filter-level").addEventListener("change", showRecords);

          const events = new EventSource("events");
          const state = $("connection");
          events.onopen = () => { state.textContent = "live"; state.className = "conn live"; };
          events.onerror = () => { state.textContent = "reconnecting…"; state.className = "conn down"; };
          events.addEventListener("cluster", (e) => showCluster(JSON.parse(e.data)));
          events.addEventListener("jobs", (e) => showJobs(JSON.parse(e.data)));
          events.addEventListener("records", (e) => addRecords(JSON.parse(e.data)));
          events.addEventListener("panel", (e) => wantPanel(JSON.parse(e.data)));
        })();
        </script>
        </body></html>
        """
}
