// The ado dashboard: plain DOM, no framework. Lists poll the API every 2 s and refresh at once on
// an event; a task's output follows its WebSocket stream and resumes from last seq + 1.
const $ = (id) => document.getElementById(id);
const state = { csrf: null, authRequired: false, taskId: null, stream: null, tasks: [] };
const wsBase = (location.protocol === "https:" ? "wss://" : "ws://") + location.host;

async function api(path, method = "GET") {
  const headers = {};
  if (method !== "GET" && state.csrf) headers["X-Ado-Csrf"] = state.csrf;
  const res = await fetch(path, { method, headers, credentials: "same-origin" });
  if (res.status === 401 && state.authRequired) { showLogin(); throw new Error("login needed"); }
  const body = await res.json();
  if (!res.ok) throw new Error(body.message || res.statusText);
  return body;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}
const badge = (s) => el("span", s, "status s-" + s);
const ago = (ms) => ms ? Math.max(0, Math.round((Date.now() - ms) / 1000)) + " s ago" : "–";
const time = (ms) => ms ? new Date(ms).toLocaleTimeString() : "–";
function row(cells, onClick) {
  const tr = document.createElement("tr");
  for (const c of cells) { const td = el("td"); if (c instanceof Node) td.append(c); else td.textContent = c ?? ""; tr.append(td); }
  if (onClick) { tr.classList.add("link"); tr.addEventListener("click", onClick); }
  return tr;
}
// Redraws a table only when its data changed: a row under the pointer stays put while a click lands.
function fill(tableId, data, rows) {
  const t = $(tableId), key = JSON.stringify(data);
  if (t.dataset.key === key) return;
  t.dataset.key = key; t.tBodies[0].replaceChildren(...rows());
}
function showError(e) { const p = $("error"); p.hidden = !e; p.textContent = e ? String(e.message || e) : ""; }

async function refreshWorkers() {
  const workers = await api("/api/v1/workers");
  $("worker-count").textContent = workers.length ? "(" + workers.length + ")" : "";
  fill("workers", workers, () => workers.map((w) => {
    const drain = el("button", "Drain");
    drain.className = "drain"; drain.disabled = w.status === "draining" || w.status === "offline";
    drain.addEventListener("click", () => api("/api/v1/workers/" + encodeURIComponent(w.id) + "/drain", "POST").then(refresh, showError));
    const running = el("span");
    for (const id of w.runningTasks) { const a = el("a", id); a.href = "#/task/" + id; running.append(a, " "); }
    const tr = row([w.id, badge(w.status), w.capabilities.join(", ") || "–", w.runningTasks.length + "/" + w.slots,
      w.cpuPercent.toFixed(0) + "%", w.memoryPercent.toFixed(0) + "%", ago(w.lastHeartbeat), running, drain]);
    tr.dataset.worker = w.id;
    return tr;
  }));
}

async function refreshTasks() {
  const filter = $("task-filter").value;
  state.tasks = await api("/api/v1/tasks?limit=500" + (filter === "" ? "" : "&all=true"));
  renderTasks();
}

function renderTasks() {
  const filter = $("task-filter").value, q = $("task-search").value.trim().toLowerCase();
  const shown = state.tasks.filter((t) => (filter === "" || filter === "all" || t.status === filter)
    && (!q || t.id.toLowerCase().includes(q) || t.spec.command.toLowerCase().includes(q)));
  fill("tasks", [shown, state.taskId], () => shown.map((t) => {
    const cmd = el("span", t.spec.command); const tr = row([t.id, badge(t.status), cmd, t.workerId || "–",
      t.attempt + "/" + (t.maxRetries + 1), time(t.createdAt)], () => { location.hash = "#/task/" + t.id; });
    tr.cells[2].className = "command"; tr.dataset.task = t.id;
    if (t.id === state.taskId) tr.classList.add("selected");
    return tr;
  }));
}

async function refreshStatus() {
  const s = await api("/api/v1/admin/status");
  $("controller").textContent = s.role + " · " + s.workers + " workers · " + s.unfinishedTasks + " unfinished · " + s.queued + " queued";
  const sc = s.scaling || {};
  $("scaling-summary").textContent = "spawner " + (sc.spawner ?? "none") + " · desired " + (sc.desired ?? "–") + " · current "
    + (sc.current ?? "–") + " · starting " + (sc.starting ?? 0) + (s.scalingAdvice ? " · " + s.scalingAdvice : "");
  const decisions = (sc.decisions || []).slice().reverse();
  fill("decisions", decisions, () => decisions.map((d) =>
    row([d.seq, d.action, d.requested, d.done + (d.failed ? " (" + d.failed + " failed)" : ""), d.reason, time(d.at)])));
}

async function refreshTask() {
  if (!state.taskId) return;
  const t = await api("/api/v1/tasks/" + encodeURIComponent(state.taskId));
  $("task-id").textContent = t.id;
  $("task-status").textContent = t.status; $("task-status").className = "status s-" + t.status;
  $("task-command").textContent = t.spec.command;
  $("cancel").disabled = ["completed", "failed", "cancelled"].includes(t.status);
  fill("attempts", t.attempts, () => t.attempts.map((a) => row([a.number, a.workerId, badge(a.status), a.exitCode ?? "–", a.error || "", time(a.startedAt)])));
}

let soon = null;
function refreshSoon() { soon ??= setTimeout(() => { soon = null; refresh(); }, 300); }

let refreshing = null;
function refresh() {
  refreshing ??= Promise.all([refreshWorkers(), refreshTasks(), refreshStatus(), refreshTask()])
    .then(() => showError(null), showError).finally(() => { refreshing = null; });
  return refreshing;
}

// One task's output: replays from `next`, then live; a dropped socket reconnects from last seq + 1.
function watch(id) {
  if (state.stream) state.stream.stop();
  const s = { id, next: 0, ended: false, stopped: false, socket: null };
  s.stop = () => { s.stopped = true; if (s.socket) s.socket.close(); };
  state.stream = s; state.taskId = id;
  $("output").textContent = ""; $("task").hidden = false;
  const connect = () => {
    if (s.stopped || s.ended) return;
    $("stream-state").textContent = s.next ? "reconnecting…" : "connecting…";
    const ws = new WebSocket(wsBase + "/api/v1/tasks/" + encodeURIComponent(id) + "/stream?from=" + s.next);
    s.socket = ws;
    ws.onopen = () => { $("stream-state").textContent = "live"; };
    ws.onmessage = (m) => {
      const msg = JSON.parse(m.data);
      if (msg.type === "chunk" && msg.seq >= s.next) {
        s.next = msg.seq + 1;
        const out = $("output"), atEnd = out.scrollTop + out.clientHeight >= out.scrollHeight - 4;
        out.append(msg.stream === "stderr" ? el("span", msg.data, "error") : document.createTextNode(msg.data));
        if (atEnd) out.scrollTop = out.scrollHeight;
      } else if (msg.type === "status") { refreshTask().catch(showError); }
      else if (msg.type === "end") { s.ended = true; $("stream-state").textContent = "ended: " + msg.status; refresh(); }
      else if (msg.error) { s.ended = true; $("stream-state").textContent = msg.message; }
    };
    ws.onclose = () => { if (!s.stopped && !s.ended) setTimeout(connect, 1000); };
  };
  connect();
  refreshTask().catch(showError); renderTasks();
}

function events() {
  const ws = new WebSocket(wsBase + "/api/v1/events");
  ws.onopen = () => { $("events-state").textContent = "live"; };
  ws.onmessage = (m) => {
    const e = JSON.parse(m.data), list = $("events");
    const detail = e.data ? Object.entries(e.data).map(([k, v]) => k + "=" + (typeof v === "object" ? JSON.stringify(v) : v)).join(" ") : "";
    list.prepend(el("li", time(e.at) + " " + e.type + " " + detail));
    while (list.children.length > 60) list.lastChild.remove();
    refreshSoon();
  };
  ws.onclose = () => { $("events-state").textContent = "reconnecting…"; setTimeout(events, 1000); };
}

function route() {
  const m = location.hash.match(/^#\/task\/(.+)$/);
  if (m && decodeURIComponent(m[1]) !== state.taskId) watch(decodeURIComponent(m[1]));
}

function showLogin() { $("app").hidden = true; $("login").hidden = false; $("logout").hidden = true; $("token").focus(); }

let started = false;
function start() {
  $("login").hidden = true; $("app").hidden = false; $("logout").hidden = !state.authRequired;
  if (started) { refresh(); return; }
  started = true;
  refresh(); events(); route();
  setInterval(refresh, 2000);
  window.addEventListener("hashchange", route);
}

$("login-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const res = await fetch("/dashboard/login", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token: $("token").value }), credentials: "same-origin" });
  const body = await res.json();
  if (!res.ok) { $("login-error").textContent = body.message; return; }
  $("token").value = ""; $("login-error").textContent = "";
  state.csrf = body.csrf; start();
});
$("logout").addEventListener("click", async () => { await fetch("/dashboard/logout", { method: "POST" }); location.reload(); });
$("cancel").addEventListener("click", () => api("/api/v1/tasks/" + encodeURIComponent(state.taskId) + "/cancel", "POST").then(refresh, showError));
$("task-filter").addEventListener("change", () => refreshTasks().catch(showError));
$("task-search").addEventListener("input", renderTasks);

const session = await (await fetch("/dashboard/session", { credentials: "same-origin" })).json();
state.authRequired = session.authRequired; state.csrf = session.csrf;
if (session.authenticated) start(); else showLogin();
