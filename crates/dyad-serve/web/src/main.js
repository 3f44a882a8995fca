// dyad's dashboard: one page over the JSON API. State (filters, chosen dyad, table page, open
// event) lives in the URL's fragment, so a view can be bookmarked and shared.

import { get } from './api.js';
import { h, fill, num } from './dom.js';
import { drawTimeline } from './timeline.js';
import { drawMap } from './map.js';
import { drawNetwork } from './network.js';
import { drawTable } from './table.js';
import { drawEvent } from './eventview.js';

const FILTERS = ['actor', 'root', 'cameo', 'plover', 'country', 'from', 'to', 'hedged', 'negated', 'near'];
const PAGE = 25;

const state = {
  filters: {},
  dyad: null, // { source, target }
  offset: 0,
  event: null,
  window: 30,
};
const labels = new Map();
let generation = 0;

const $ = (id) => document.getElementById(id);

function readHash() {
  const q = new URLSearchParams(location.hash.slice(1));
  state.filters = {};
  for (const k of FILTERS) if (q.get(k)) state.filters[k] = q.get(k);
  state.dyad = q.get('source') && q.get('target') ? { source: q.get('source'), target: q.get('target') } : null;
  state.offset = Math.max(0, parseInt(q.get('offset') || '0', 10) || 0);
  state.event = q.get('event') || null;
  state.window = Math.min(3660, Math.max(1, parseInt(q.get('window') || '30', 10) || 30));
}

function writeHash() {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(state.filters)) if (v) q.set(k, v);
  if (state.dyad) {
    q.set('source', state.dyad.source);
    q.set('target', state.dyad.target);
  }
  if (state.offset) q.set('offset', state.offset);
  if (state.event) q.set('event', state.event);
  if (state.window !== 30) q.set('window', state.window);
  const s = q.toString();
  history.replaceState(null, '', s ? `#${s}` : location.pathname);
}

/** The filters every panel shares. */
function filters() {
  return { ...state.filters };
}

/** The filters plus the chosen dyad. */
function dyadFilters() {
  return state.dyad ? { ...filters(), source: state.dyad.source, target: state.dyad.target } : filters();
}

function showError(el, err) {
  fill(el, h('p', { class: 'error', role: 'alert' }, `Could not load: ${err.message}`));
}

/** Runs `load` for a panel, dropping its result when a newer refresh has started. */
async function panel(el, load) {
  const mine = generation;
  el.setAttribute('aria-busy', 'true');
  try {
    await load(() => mine === generation);
  } catch (err) {
    if (mine === generation) showError(el, err);
  } finally {
    if (mine === generation) {
      el.setAttribute('aria-busy', 'false');
    }
  }
}

function dyadLabel(d) {
  return d ? `${d.source} → ${d.target}` : 'All events';
}

function selectDyad(source, target) {
  state.dyad = source && target ? { source, target } : null;
  state.offset = 0;
  syncDyadForm();
  refresh();
}

function syncDyadForm() {
  const form = $('dyad-form');
  form.elements.namedItem('source').value = state.dyad ? state.dyad.source : '';
  form.elements.namedItem('target').value = state.dyad ? state.dyad.target : '';
}

function setFilter(name, value) {
  if (value) state.filters[name] = value;
  else delete state.filters[name];
  state.offset = 0;
  syncForm();
  refresh();
}

// ---- the filter form ----

function syncForm() {
  const form = $('filters');
  for (const k of FILTERS) {
    const input = form.elements.namedItem(k);
    if (input) input.value = state.filters[k] || (k === 'negated' ? 'false' : k === 'hedged' ? 'any' : '');
  }
  form.elements.namedItem('window').value = String(state.window);
}

function readForm(ev) {
  ev.preventDefault();
  const form = $('filters');
  const next = {};
  for (const k of FILTERS) {
    const input = form.elements.namedItem(k);
    const v = input ? input.value.trim() : '';
    if (!v || (k === 'negated' && v === 'false') || (k === 'hedged' && v === 'any')) continue;
    next[k] = k === 'plover' ? v.toUpperCase() : v;
  }
  state.filters = next;
  state.window = Math.min(3660, Math.max(1, parseInt(form.elements.namedItem('window').value, 10) || 30));
  state.offset = 0;
  refresh();
}

// ---- panels ----

async function loadSummary() {
  const el = $('summary');
  await panel(el, async (current) => {
    const s = await get('/api/summary');
    if (!current()) return;
    fill(
      el,
      `${s.events} events from ${s.articles} articles`,
      s.first_date ? `, ${s.first_date} to ${s.last_date}` : '',
      ` — ${s.database}`,
    );
  });
}

async function loadDyads() {
  const picker = $('dyad-list');
  const network = $('network');
  const escEl = $('escalation-list');
  await panel(picker, async (current) => {
    const [dy, esc] = await Promise.all([
      get('/api/dyads', { ...filters(), limit: 60 }),
      get('/api/escalation', { ...filters(), window: state.window, limit: 1000 }),
    ]);
    if (!current()) return;
    const trend = new Map(esc.dyads.map((d) => [`${d.source}>${d.target}`, d]));
    const escalating = new Set(esc.dyads.filter((d) => d.escalating).map((d) => `${d.source}>${d.target}`));

    const rows = dy.dyads.map((d) => {
      const key = `${d.source}>${d.target}`;
      const t = trend.get(key);
      const sel = state.dyad && state.dyad.source === d.source && state.dyad.target === d.target;
      return h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: `dyad${sel ? ' selected' : ''}${escalating.has(key) ? ' escalating' : ''}`,
            'data-source': d.source,
            'data-target': d.target,
            'aria-pressed': sel ? 'true' : 'false',
            onclick: () => selectDyad(d.source, d.target),
          },
          h('span', { class: 'pair' }, `${d.source} → ${d.target}`),
          h('span', { class: 'count' }, d.events),
          h('span', { class: 'gold', title: 'mean Goldstein score' }, num(d.goldstein_mean)),
          escalating.has(key) ? h('span', { class: 'badge esc', title: `z = ${num(t.z, 2)}` }, '▼ escalating') : '',
        ),
      );
    });
    fill(
      picker,
      h('li', {}, h('button', { type: 'button', class: `dyad all${state.dyad ? '' : ' selected'}`, onclick: () => selectDyad(null, null) }, 'All events')),
      rows,
    );

    drawNetwork(
      network,
      dy.dyads.slice(0, 40),
      escalating,
      state.dyad,
      (s, t) => selectDyad(s, t),
      (code) => setFilter('actor', code),
    );

    const list = esc.dyads.filter((d) => d.escalating);
    fill(
      escEl,
      h(
        'p',
        { class: 'caption' },
        esc.as_of ? `Window ${esc.window_start} to ${esc.as_of} (${esc.window_days} days) against each dyad's earlier events.` : 'No dated events.',
      ),
      list.length
        ? h(
            'ul',
            { class: 'esc-list', 'data-testid': 'escalating-dyads' },
            list.map((d) =>
              h(
                'li',
                {},
                h('button', { type: 'button', class: 'link', onclick: () => selectDyad(d.source, d.target) }, `${d.source} → ${d.target}`),
                ` mean Goldstein ${num(d.recent_mean)} over ${d.recent_events} recent events against ${num(d.history_mean)} over ${d.history_events} earlier (z = ${num(d.z, 2)})`,
              ),
            ),
          )
        : h('p', { class: 'muted', 'data-testid': 'no-escalation' }, 'No dyad is escalating by this measure.'),
    );
  });
}

async function loadTimeline() {
  const el = $('timeline');
  $('timeline-title').textContent = dyadLabel(state.dyad);
  await panel(el, async (current) => {
    const params = state.dyad ? dyadFilters() : filters();
    let series = await get('/api/series', { ...params, interval: 'day' });
    // Long spans read better by week, very long ones by month.
    if (series.points.length > 180) series = await get('/api/series', { ...params, interval: 'week' });
    if (series.points.length > 156) series = await get('/api/series', { ...params, interval: 'month' });
    if (!current()) return;
    $('timeline-interval').textContent = `per ${series.interval}`;
    drawTimeline(el, series, (period) => {
      const end = series.interval === 'week' ? addDays(period, 6) : series.interval === 'month' ? monthEnd(period) : period;
      state.filters.from = period;
      state.filters.to = end;
      state.offset = 0;
      syncForm();
      refresh();
    });
  });
}

function monthEnd(iso) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1, 0);
  return d.toISOString().slice(0, 10);
}

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function loadMap() {
  const el = $('map');
  await panel(el, async (current) => {
    const r = await get('/api/places', { ...dyadFilters(), limit: 1000 });
    if (!current()) return;
    await drawMap(el, r.places, (p) => {
      if (p.lat !== null && p.lon !== null) setFilter('near', `${p.lat},${p.lon},50`);
    });
  });
}

async function loadTable() {
  const el = $('table');
  await panel(el, async (current) => {
    const page = await get('/api/events', { ...dyadFilters(), limit: PAGE, offset: state.offset });
    if (!current()) return;
    drawTable(el, page, labels, openEvent, (offset) => {
      state.offset = offset;
      writeHash();
      loadTable();
    });
  });
}

async function openEvent(id) {
  state.event = id;
  writeHash();
  const el = $('event-view');
  el.hidden = false;
  await panel(el, async () => {
    const detail = await get(`/api/events/${encodeURIComponent(id)}`);
    if (state.event !== id) return;
    drawEvent(el, detail, labels, closeEvent);
  });
}

function closeEvent() {
  state.event = null;
  writeHash();
  $('event-view').hidden = true;
}

function refresh() {
  generation += 1;
  writeHash();
  renderChips();
  return Promise.all([loadSummary(), loadDyads(), loadTimeline(), loadMap(), loadTable()]);
}

/** The active filters as removable chips. */
function renderChips() {
  const chips = Object.entries(state.filters).map(([k, v]) =>
    h('button', { type: 'button', class: 'chip', title: 'Remove this filter', onclick: () => setFilter(k, '') }, `${k}: ${v} ×`),
  );
  if (state.dyad) {
    chips.unshift(h('button', { type: 'button', class: 'chip dyad-chip', title: 'Show all events', onclick: () => selectDyad(null, null) }, `dyad: ${dyadLabel(state.dyad)} ×`));
  }
  fill($('chips'), chips);
}

async function start() {
  readHash();
  syncForm();
  syncDyadForm();
  $('filters').addEventListener('submit', readForm);
  // Any pair of codes or prefixes (NER* → IGOWAF*), not only the busiest dyads listed.
  $('dyad-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = $('dyad-form').elements;
    const source = f.namedItem('source').value.trim().toUpperCase();
    const target = f.namedItem('target').value.trim().toUpperCase();
    if (source || target) selectDyad(source || '*', target || '*');
    else selectDyad(null, null);
  });
  $('clear-filters').addEventListener('click', () => {
    state.filters = {};
    state.dyad = null;
    state.offset = 0;
    syncForm();
    refresh();
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && state.event) closeEvent();
  });
  try {
    const codes = await get('/api/cameo');
    for (const c of codes.codes) labels.set(c.code, c.label);
  } catch {
    // Without labels the codes still show.
  }
  let resized = null;
  window.addEventListener('resize', () => {
    clearTimeout(resized);
    resized = setTimeout(() => {
      generation += 1;
      loadTimeline();
      loadMap();
      loadDyads();
    }, 250);
  });
  await refresh();
  if (state.event) openEvent(state.event);
  document.body.dataset.ready = 'true';
}

start();
