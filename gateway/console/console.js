// The operator console's script: loads everything with the ADMIN token the operator entered
// (kept in this tab only) and draws tables and inline SVG charts. No library, no CDN.
import { barChart } from '/console/charts.js';

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = 'hub.console.token';

const STATUS_QUERY = `query ConsoleStatus($year: Int!, $half: Int!) {
  legalSyncStatus { system label { vi en } configured lastSuccessAt lastErrorAt lastErrorCode consecutiveFailures lagSeconds records }
  servicesSyncStatus { job configured lastSuccessAt lastErrorAt lastErrorCode consecutiveFailures }
  provisionReport(year: $year, half: $half) { from to asOf rows { agencyId provided onTime late overdue pending } }
  agencies(first: 100) { nodes { id code name { vi } } }
  operatorJobs { name schedule nextDueAt queued retrying running dead lastRun { state finishedAt } }
  operatorJobFailures(first: 5) { job state createdAt finishedAt error }
}`;

function authHeaders() {
  return { authorization: `Bearer ${$('token').value.trim()}` };
}

async function graph(query, variables) {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders() },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (!res.ok || body.errors?.length) throw new Error(body.errors?.[0]?.extensions?.code ?? `HTTP ${res.status}`);
  return body.data;
}

async function status() {
  const res = await fetch('/console/api/status', { headers: authHeaders() });
  const body = await res.json();
  if (!res.ok) throw new Error(body.errors?.[0]?.extensions?.code ?? `HTTP ${res.status}`);
  return body;
}

function table(id, head, rows) {
  const t = $(id);
  t.textContent = '';
  const tr = t.insertRow();
  for (const h of head) tr.append(Object.assign(document.createElement('th'), { textContent: h }));
  for (const row of rows) {
    const r = t.insertRow();
    for (const cell of row) {
      const td = r.insertCell();
      if (cell && typeof cell === 'object') {
        td.textContent = cell.text;
        if (cell.tone) td.className = cell.tone;
        if (cell.key) td.dataset.key = cell.key;
      } else td.textContent = cell ?? '—';
    }
  }
}

const when = (iso) => (iso ? new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—');
const lag = (s) => (s === null || s === undefined ? '—' : s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`);

export function compliance(rows) {
  const by = new Map();
  for (const r of rows) {
    const key = r.agencyId ?? 'none';
    const a = by.get(key) ?? { onTime: 0, late: 0, overdue: 0, pending: 0, provided: 0 };
    a.onTime += r.onTime;
    a.late += r.late;
    a.overdue += r.overdue;
    a.pending += r.pending;
    a.provided += r.provided;
    by.set(key, a);
  }
  return by;
}

function drawHealth(s) {
  // A partner agency's subgraph down degrades the hub (its fields fail) without making it unready:
  // the operator sees whose it is and whom to call.
  const rows = Object.entries(s.subgraphs).map(([name, ok]) => {
    const d = s.subgraphDetails?.[name];
    const label = d ? `${name} (${d.trust} · ${d.owner.name} · ${d.latencyMs} ms)` : name;
    const down = d?.trust === 'partner' ? `DEGRADED · ${d.contact}` : 'NOT READY';
    const since = d?.lastError ? ` · ${d.lastError.reason} ${when(d.lastError.at)}` : '';
    return [label, { text: ok ? 'ready' : `${down}${since}`, tone: ok ? 'ok' : 'bad', key: `subgraph:${name}` }, ''];
  });
  for (const b of s.breakers)
    rows.push([`${b.kind} ${b.target}`, '', { text: b.state, tone: b.state === 'closed' ? 'ok' : 'bad', key: `breaker:${b.kind}:${b.target}` }]);
  table('health', ['name', 'readiness', 'breaker'], rows);
}

/** The job runner, from the graph (operatorJobs): totals by state, then one line per job. */
function drawJobs(jobs, failures) {
  const total = { queued: 0, retrying: 0, running: 0, dead: 0 };
  for (const j of jobs) for (const k of Object.keys(total)) total[k] += j[k];
  const bad = (n) => (n > 0 ? 'bad' : '');
  const rows = Object.entries(total).map(([state, n]) => [
    `all jobs: ${state}`,
    { text: String(n), tone: state === 'dead' || state === 'retrying' ? bad(n) : '', key: `jobs:${state}` },
    '',
    '',
  ]);
  for (const j of jobs) {
    rows.push([
      j.name,
      { text: `${j.queued} / ${j.running} / ${j.retrying}`, key: `job:${j.name}:queue` },
      { text: String(j.dead), tone: bad(j.dead), key: `job:${j.name}:dead` },
      j.lastRun ? `${j.lastRun.state} · ${when(j.lastRun.finishedAt)}${j.nextDueAt ? ` · next ${when(j.nextDueAt)}` : ''}` : (j.schedule ?? '—'),
    ]);
  }
  for (const f of failures) rows.push([{ text: `failed: ${f.job}`, tone: 'bad' }, when(f.finishedAt ?? f.createdAt), f.state, f.error ?? '']);
  table('jobs', ['job', 'queued / running / retrying', 'dead', 'last run'], rows);
}

function drawBackups(backups) {
  if (!backups) return table('backups', ['backup', ''], [[{ text: 'not reported by the backup command', tone: 'muted' }, '']]);
  const last = backups.last;
  if (!last) return table('backups', ['backup', ''], [[{ text: 'no backup yet', tone: 'bad', key: 'backup:none' }, '']]);
  table(
    'backups',
    ['last backup', 'verified'],
    [
      [
        `${last.name} · ${when(last.at)}`,
        { text: last.verified ? `yes · ${when(last.verifiedAt)}` : 'NOT VERIFIED', tone: last.verified ? 'ok' : 'bad', key: 'backup:verified' },
      ],
    ],
  );
}

/** The services subgraph's sync jobs in the legal sources' shape (lag from the last success). */
function servicesSync(rows) {
  return rows
    .filter((r) => r && r.configured)
    .map((r) => ({
      system: `services:${r.job}`,
      label: { en: `Services: ${r.job}` },
      lastSuccessAt: r.lastSuccessAt,
      lastErrorAt: r.lastErrorAt,
      lastErrorCode: r.lastErrorCode,
      consecutiveFailures: r.consecutiveFailures,
      lagSeconds: r.lastSuccessAt ? Math.max(0, Math.round((Date.now() - Date.parse(r.lastSuccessAt)) / 1000)) : null,
      records: '—',
    }));
}

function drawSync(sync) {
  table(
    'sync',
    ['source', 'last success', 'lag', 'failures', 'last error', 'records'],
    sync.map((s) => [
      s.label.en ?? s.system,
      when(s.lastSuccessAt),
      { text: lag(s.lagSeconds), key: `lag:${s.system}` },
      { text: String(s.consecutiveFailures), tone: s.consecutiveFailures ? 'bad' : 'ok', key: `failures:${s.system}` },
      s.lastErrorCode ? `${s.lastErrorCode} · ${when(s.lastErrorAt)}` : '—',
      { text: String(s.records), key: `records:${s.system}` },
    ]),
  );
  const hours = sync.map((s) => ({ label: s.system, value: s.lagSeconds === null ? null : s.lagSeconds / 3600, text: lag(s.lagSeconds) }));
  const max = Math.max(24, ...hours.map((h) => h.value ?? 0));
  $('sync-chart').replaceChildren(
    barChart(hours, { max, title: 'hours since the last successful sync', tone: (v) => (v === null ? 'none' : v > 24 ? 'bad' : v > 2 ? 'warn' : 'good') }),
  );
}

function drawCompliance(report, agencies) {
  const names = new Map(agencies.map((a) => [a.id, `${a.code ?? ''} ${a.name.vi}`.trim()]));
  const rows = [...compliance(report.rows)].map(([id, c]) => {
    const due = c.onTime + c.late + c.overdue;
    return { id, name: names.get(id) ?? id, ...c, due, rate: due ? c.onTime / due : null };
  });
  rows.sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.name.localeCompare(b.name));
  $('period').textContent = `${report.from} → ${report.to} (as of ${report.asOf})`;
  const pct = (r) => (r === null ? 'no deadline due' : `${Math.round(r * 100)}%`);
  $('compliance-chart').replaceChildren(
    barChart(
      rows.map((r) => ({ label: r.name, value: r.rate, text: pct(r.rate) })),
      { max: 1, title: 'share delivered on time', tone: (v) => (v === null ? 'none' : v >= 0.9 ? 'good' : v >= 0.7 ? 'warn' : 'bad') },
    ),
  );
  table(
    'compliance',
    ['agency', 'provided', 'on time', 'late', 'overdue', 'pending', 'on-time rate'],
    rows.map((r) => [
      r.name,
      String(r.provided),
      String(r.onTime),
      String(r.late),
      String(r.overdue),
      String(r.pending),
      { text: pct(r.rate), key: `rate:${r.id}` },
    ]),
  );
}

async function load() {
  sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
  $('message').textContent = '…';
  try {
    const [s, data] = await Promise.all([status(), graph(STATUS_QUERY, { year: Number($('year').value), half: Number($('half').value) })]);
    drawHealth(s);
    drawJobs(data.operatorJobs, data.operatorJobFailures);
    drawBackups(s.backups);
    drawSync([...data.legalSyncStatus, ...servicesSync(data.servicesSyncStatus ?? [])]);
    drawCompliance(data.provisionReport, data.agencies.nodes);
    $('message').textContent = `updated ${when(s.at)}`;
    document.body.dataset.loaded = 'true';
  } catch (err) {
    $('message').textContent = `Could not load: ${err.message} (an ADMIN token is required)`;
  }
}

const now = new Date();
$('year').value = String(now.getFullYear());
$('half').value = now.getMonth() < 6 ? '1' : '2';
$('token').value = sessionStorage.getItem(TOKEN_KEY) ?? '';
$('load').onclick = load;
if ($('token').value) load();
setInterval(() => $('token').value && document.visibilityState === 'visible' && load(), 30_000);
