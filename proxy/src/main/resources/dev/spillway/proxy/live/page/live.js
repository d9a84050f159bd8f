// Spillway's live page: draws the panel snapshot every second and appends the event stream's lines.
// Plain DOM (no framework, no build step, nothing loaded from elsewhere); text goes in through
// textContent only, so nothing a provider or a config says can become markup.
'use strict';

// Resolved against the origin, never the address bar: a page opened as http://user:pass@host/live/
// would resolve relative URLs with the credentials in them, which fetch() refuses outright. The
// browser's HTTP auth cache supplies them instead (same origin, realm spillway-admin).
const BASE = window.location.origin + window.location.pathname;
const PANEL_URL = new URL('../v1/spillway/live', BASE).href;
const EVENTS_URL = new URL('../v1/spillway/live/events', BASE).href;
const REFRESH_MS = 1000;
const MAX_LINES = 500;

const state = { seen: new Set(), instance: null, traceUrlTemplate: null };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function clock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour12: false });
}

function pct(value) {
  return (value * 100).toFixed(1) + '%';
}

function ms(value) {
  return Math.round(value) + ' ms';
}

function usd(value) {
  return value === null || value === undefined ? '—' : '$' + value.toFixed(2);
}

function cell(row, text, className) {
  const td = el('td', className, text);
  row.appendChild(td);
  return td;
}

function drawReplica(panel) {
  const r = panel.replica;
  document.getElementById('replica').textContent = 'replica ' + r.host + ' · run ' + r.instance
    + ' · config ' + (r.configVersion || 'none yet') + (r.configSource ? ' from ' + r.configSource : '');
  const f = panel.feed;
  document.getElementById('feed').textContent = '· ' + f.viewers + ' viewer(s)'
    + (f.viewerDrops + f.inboxDrops + f.transitionDrops > 0
      ? ' · dropped: ' + f.viewerDrops + ' for slow viewers, ' + f.inboxDrops + ' calls, ' + f.transitionDrops + ' transitions'
      : '');
}

function thresholdText(t) {
  const parts = [];
  if (t.latencyP95Ms !== null && t.latencyP95Ms !== undefined) parts.push('p95 ≤ ' + t.latencyP95Ms + ' ms');
  if (t.errorRate !== null && t.errorRate !== undefined) parts.push('errors ≤ ' + pct(t.errorRate));
  if (t.qualityDriftSigma !== null && t.qualityDriftSigma !== undefined) parts.push('drift ≤ ' + t.qualityDriftSigma + 'σ');
  return parts.length ? parts.join(' · ') : 'no demotion thresholds';
}

function drawModel(model) {
  const card = el('article', 'model');
  card.dataset.model = model.name;
  const head = el('div', 'model-head');
  head.appendChild(el('h3', null, model.name));
  const last = model.lastDecision;
  if (last && last.servedBy) {
    const primary = model.targets.length && model.targets[0].id === last.servedBy;
    head.appendChild(el('span', 'serving ' + (primary ? 'primary' : 'fallback'),
      'serving ' + last.servedBy + (primary ? ' (primary)' : ' (fallback)')));
  } else if (last) {
    head.appendChild(el('span', 'serving fallback', 'last call not served (HTTP ' + last.status + ')'));
  } else {
    head.appendChild(el('span', 'muted', 'no calls yet'));
  }
  card.appendChild(head);
  card.appendChild(el('div', 'muted', 'policy ' + model.policy + ': ' + thresholdText(model.thresholds)));
  const table = el('table', 'targets');
  const header = el('tr');
  ['target', 'share', 'p95', 'errors', 'drift', 'circuit', 'admit', 'budget left', 'limit headroom']
    .forEach((name) => header.appendChild(el('th', null, name)));
  table.appendChild(header);
  model.targets.forEach((t) => {
    const row = el('tr');
    row.dataset.target = t.id;
    const name = cell(row, t.id);
    if (t.primary) name.appendChild(el('span', 'badge', 'primary'));
    const share = cell(row, '');
    const bar = el('span', 'bar');
    bar.style.width = Math.round(t.sharePercent * 0.6) + 'px';
    share.appendChild(bar);
    share.appendChild(document.createTextNode(t.sharePercent.toFixed(0) + '%'));
    cell(row, t.calls ? ms(t.p95Ms) : '—', t.overLatency ? 'over' : null);
    cell(row, t.calls ? pct(t.errorRate) : '—', t.overErrorRate ? 'over' : null);
    cell(row, t.driftSigma.toFixed(1) + 'σ' + (t.drifting ? ' demoted' : ''), t.drifting ? 'over' : null);
    cell(row, t.circuit.replace('_', '-').toLowerCase() + (t.rampStep ? ' · ramp ' + t.rampStep : ''),
      'circuit circuit-' + t.circuit);
    cell(row, t.admitPercent + '%');
    cell(row, t.budgetUsd === null || t.budgetUsd === undefined ? '—' : usd(t.budgetRemainingUsd) + ' of ' + usd(t.budgetUsd));
    cell(row, pct(t.limitHeadroom));
    table.appendChild(row);
  });
  card.appendChild(table);
  return card;
}

function drawDecision(d) {
  const box = el('article', 'decision');
  const asked = d.requestedModel && d.requestedModel !== d.model ? ' (asked for ' + d.requestedModel + ')' : '';
  box.appendChild(el('div', null, clock(d.atMs) + ' · ' + d.model + asked + ' → ' + (d.servedBy || 'not served')
    + ' · ' + d.latencyMs + ' ms · ' + d.attempts + ' attempt(s)'));
  box.appendChild(el('div', 'why', 'chose ' + (d.chosen || 'none') + ': ' + (d.reason || '')
    + (d.fallbackReason ? ' · fell back: ' + d.fallbackReason : '')));
  const table = el('table');
  const header = el('tr');
  ['candidate', 'score', 'health', 'latency', 'quality', 'cost', 'headroom', 'standing']
    .forEach((name) => header.appendChild(el('th', null, name)));
  table.appendChild(header);
  d.candidates.forEach((c) => {
    const row = el('tr');
    cell(row, c.target);
    [c.score, c.health, c.latency, c.quality, c.cost, c.headroom].forEach((v) => cell(row, v.toFixed(2)));
    cell(row, c.standing.toLowerCase() + (c.reason ? ': ' + c.reason : ''), 'standing-' + c.standing);
    table.appendChild(row);
  });
  box.appendChild(table);
  box.appendChild(idOf(d, 'span'));
  return box;
}

/** The call's trace id, linked when a trace UI is configured; its request id when tracing is off. */
function idOf(item, tag) {
  const holder = el(tag || 'span', 'trace');
  if (item.traceId) {
    if (state.traceUrlTemplate) {
      const link = el('a', null, 'trace ' + item.traceId);
      link.href = state.traceUrlTemplate.split('{traceId}').join(encodeURIComponent(item.traceId));
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      holder.appendChild(link);
    } else {
      holder.textContent = 'trace ' + item.traceId;
    }
  } else if (item.requestId) {
    holder.textContent = 'request ' + item.requestId;
  }
  return holder;
}

/** Lines come from the stream and from each snapshot: kept once each, in sequence order. */
function addLine(event) {
  const log = document.getElementById('log');
  if (state.seen.has(event.seq)) return;
  if (log.children.length >= MAX_LINES && event.seq < Number(log.firstElementChild.dataset.seq)) return;
  state.seen.add(event.seq);
  const follow = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
  const line = el('li', 'line kind-' + event.kind);
  line.dataset.kind = event.kind;
  line.dataset.seq = event.seq;
  line.appendChild(el('span', 'time', '[' + clock(event.atMs) + '] '));
  line.appendChild(el('span', 'kind', event.kind.replace(/-/g, ' ')));
  line.appendChild(el('span', 'message', event.message));
  line.appendChild(idOf(event));
  let before = null;
  for (let node = log.lastElementChild; node && Number(node.dataset.seq) > event.seq; node = node.previousElementSibling) {
    before = node;
  }
  log.insertBefore(line, before);
  while (log.children.length > MAX_LINES) {
    state.seen.delete(Number(log.firstElementChild.dataset.seq));
    log.removeChild(log.firstElementChild);
  }
  if (follow) log.scrollTop = log.scrollHeight;
}

/** The operator's cluster-wide status, or the one line saying why there is none. */
function drawCluster(cluster) {
  const box = document.getElementById('cluster');
  if (!cluster) {
    box.replaceChildren();
    return;
  }
  const parts = [el('div', 'note muted', cluster.note)];
  if (cluster.source === 'OPERATOR') {
    const accounts = el('table', 'cluster-accounts');
    const head = el('tr');
    ['account', 'health', 'p95', 'errors', 'circuit', 'spend', 'budget left', 'health check']
      .forEach((h) => head.appendChild(el('th', null, h)));
    accounts.appendChild(head);
    cluster.accounts.forEach((a) => {
      const row = el('tr');
      row.dataset.account = a.name;
      cell(row, a.name);
      cell(row, a.health || '—', 'health health-' + (a.health || 'unknown'));
      cell(row, a.latencyP95Ms === null || a.latencyP95Ms === undefined ? '—' : ms(a.latencyP95Ms));
      cell(row, a.errorRate === null || a.errorRate === undefined ? '—' : pct(a.errorRate));
      cell(row, a.circuit || '—', 'circuit');
      cell(row, usd(a.spendUsd));
      cell(row, usd(a.budgetRemainingUsd));
      cell(row, a.healthCheck || '—');
      accounts.appendChild(row);
    });
    const models = el('table', 'cluster-models');
    const modelHead = el('tr');
    ['model', 'serving (most traffic, all replicas)'].forEach((h) => modelHead.appendChild(el('th', null, h)));
    models.appendChild(modelHead);
    cluster.models.forEach((m) => {
      const row = el('tr');
      row.dataset.model = m.name;
      cell(row, m.name);
      cell(row, m.servingTarget || '—', 'serving-target');
      models.appendChild(row);
    });
    parts.push(accounts, models);
  }
  box.replaceChildren(...parts);
}

function draw(panel) {
  if (state.instance && state.instance !== panel.replica.instance) {
    // The replica restarted (or another one answers): its numbering starts again.
    state.seen.clear();
    document.getElementById('log').replaceChildren();
  }
  state.instance = panel.replica.instance;
  state.traceUrlTemplate = panel.traceUrlTemplate;
  drawReplica(panel);
  document.getElementById('models').replaceChildren(...panel.models.map(drawModel));
  document.getElementById('decisions').replaceChildren(...panel.decisions.slice(0, 3).map(drawDecision));
  drawCluster(panel.cluster);
  panel.events.forEach(addLine);
}

async function refresh() {
  try {
    const response = await fetch(PANEL_URL, { cache: 'no-store' });
    if (response.ok) draw(await response.json());
  } catch (unreachable) {
    document.getElementById('replica').textContent = 'proxy unreachable, retrying…';
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

function stream() {
  const status = document.getElementById('stream');
  const source = new EventSource(EVENTS_URL);
  source.onopen = () => { status.textContent = 'stream: live'; status.className = 'stream stream-open'; };
  source.onerror = () => { status.textContent = 'stream: reconnecting'; status.className = 'stream stream-closed'; };
  source.addEventListener('line', (message) => addLine(JSON.parse(message.data)));
}

stream();
refresh();
