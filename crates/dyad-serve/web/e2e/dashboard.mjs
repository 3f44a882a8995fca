// End-to-end check of the dashboard in headless Chromium (Playwright's playwright-core driving
// the system's browser; no browser download). Run by tests/dashboard.rs against `dyad serve`
// on a database of the project's example stories plus one hostile article:
//
//   node dashboard.mjs --url http://127.0.0.1:PORT --screenshot OUT.png [--chromium PATH]
//
// Every expectation is read from the API first, so the checks hold for any database: the page
// loads without console errors; the timeline and the map draw one mark per series point and
// per located place; choosing a dyad redraws the timeline; a filter narrows the table; the
// event view highlights the evidence and names the rule; news text is shown, never run.

import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const base = arg('url');
const shot = arg('screenshot');
const executablePath = arg('chromium', process.env.CHROMIUM || '/usr/bin/chromium');
if (!base || !shot) {
  console.error('usage: node dashboard.mjs --url URL --screenshot FILE.png [--chromium PATH]');
  process.exit(2);
}

async function api(path) {
  const res = await fetch(new URL(path, base));
  assert.equal(res.status, 200, `${path}: HTTP ${res.status}`);
  return res.json();
}

/** The timeline's expected number of points for these query parameters (as the page asks). */
async function seriesLength(params) {
  const q = new URLSearchParams({ ...params, interval: 'day' });
  let s = await api(`/api/series?${q}`);
  if (s.points.length > 180) s = await api(`/api/series?${new URLSearchParams({ ...params, interval: 'week' })}`);
  if (s.points.length > 156) s = await api(`/api/series?${new URLSearchParams({ ...params, interval: 'month' })}`);
  return s.points.length;
}

const problems = [];
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
let step = 'start';
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  // Nothing may load from anywhere but this server.
  const origin = new URL(base).origin;
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:')) problems.push(`request outside the server: ${u}`);
  });

  step = 'load';
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
  const summary = await api('/api/summary');
  assert.ok(summary.events > 0, 'the test database has events');
  assert.match(await page.textContent('[data-testid=summary]'), new RegExp(`${summary.events} events from ${summary.articles} articles`));

  step = 'timeline';
  const allPoints = await seriesLength({});
  assert.ok(allPoints > 0);
  assert.equal(await page.locator('#timeline .tl-point').count(), allPoints, 'one timeline mark per series point');

  step = 'map';
  const places = (await api('/api/places?limit=1000')).places.filter((p) => p.lat !== null && p.lon !== null);
  assert.ok(places.length > 0, 'some events are located');
  assert.equal(await page.locator('#map circle.map-point').count(), places.length, 'one circle per located place');
  assert.ok((await page.locator('#map path.country').count()) > 100, 'country shapes drawn');

  step = 'network';
  const dyads = (await api('/api/dyads?limit=60')).dyads;
  assert.equal(await page.locator('#network path.net-edge').count(), Math.min(40, dyads.length));

  step = 'table';
  const all = await api('/api/events?limit=25');
  assert.equal(await page.locator('tr.ev-row').count(), all.events.length);
  assert.equal(await page.getAttribute('table.events', 'data-total'), String(all.total));

  step = 'dyad picker';
  // The busiest dyad: its timeline and its events.
  const d = dyads[0];
  await page.click(`button.dyad[data-source="${d.source}"][data-target="${d.target}"]`);
  await page.waitForFunction((t) => document.getElementById('timeline-title').textContent === t, `${d.source} → ${d.target}`);
  await page.waitForSelector('#timeline[aria-busy=false]');
  await page.waitForSelector('#table[aria-busy=false]');
  const dyadPoints = await seriesLength({ source: d.source, target: d.target });
  assert.equal(await page.locator('#timeline .tl-point').count(), dyadPoints);
  const dyadEvents = await api(`/api/events?source=${encodeURIComponent(d.source)}&target=${encodeURIComponent(d.target)}`);
  assert.equal(await page.getAttribute('table.events', 'data-total'), String(dyadEvents.total));
  assert.match(page.url(), /source=/, 'the dyad is in the address');
  // A typed pair of prefixes: every event whose source starts like the busiest dyad's.
  const prefix = `${d.source.slice(0, 3)}*`;
  await page.fill('#dyad-form input[name=source]', prefix);
  await page.fill('#dyad-form input[name=target]', '');
  await page.click('#dyad-form button[type=submit]');
  await page.waitForFunction((t) => document.getElementById('timeline-title').textContent === t, `${prefix} → *`);
  const prefixed = await api(`/api/events?source=${encodeURIComponent(prefix)}&target=*`);
  await page.waitForFunction((want) => document.querySelector('table.events')?.getAttribute('data-total') === want, String(prefixed.total));
  await page.click('button.dyad.all');
  await page.waitForFunction(() => document.getElementById('timeline-title').textContent === 'All events');

  step = 'filter';
  // A CAMEO root that some but not all events have narrows the table to exactly those.
  const roots = new Map();
  for (const e of (await api('/api/events?limit=1000')).events) roots.set(e.cameo_root, (roots.get(e.cameo_root) || 0) + 1);
  const [root, n] = [...roots.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
  assert.ok(n < all.total, 'the examples have more than one kind of event');
  await page.fill('input[name=root]', root);
  await page.click('[data-testid=apply-filters]');
  await page.waitForFunction((want) => document.querySelector('table.events')?.getAttribute('data-total') === want, String(n));
  await page.waitForSelector('#table[aria-busy=false]');
  const rows = page.locator('tr.ev-row');
  assert.equal(await rows.count(), n);
  for (const code of await page.locator('tr.ev-row td:nth-child(3)').allTextContents()) {
    assert.ok(code.startsWith(root), `row code ${code} has root ${root}`);
  }
  // The chip removes it again.
  await page.click('.chip');
  await page.waitForFunction((want) => document.querySelector('table.events')?.getAttribute('data-total') === want, String(all.total));

  step = 'event view';
  const first = all.events[0];
  await page.click(`tr.ev-row[data-id="${first.id}"]`);
  await page.waitForSelector('[data-testid=event-article] mark.hl-verb');
  const view = page.locator('[data-testid=event-view]');
  assert.ok(await view.isVisible());
  const article = page.locator('[data-testid=event-article]');
  assert.equal(await article.locator('mark.hl-verb').first().textContent(), first.evidence.verb.text);
  if (first.evidence.source) assert.equal(await article.locator('mark.hl-source').first().textContent(), first.evidence.source.text);
  if (first.evidence.target) assert.equal(await article.locator('mark.hl-target').first().textContent(), first.evidence.target.text);
  assert.equal(await view.locator('[data-testid=event-rule]').textContent(), `${first.rule.dictionary}:${first.rule.line}`);
  await page.screenshot({ path: shot, fullPage: false });
  await page.keyboard.press('Escape');
  assert.ok(await view.isHidden(), 'Escape closes the event view');

  step = 'hostile text';
  // An article whose title and text carry markup: shown as text, never run.
  const hostile = (await api('/api/events?limit=1000')).events.filter((e) => e.article_id === 'test-hostile');
  assert.ok(hostile.length > 0, 'the hostile test article is coded');
  await page.click(`tr.ev-row[data-id="${hostile[0].id}"]`);
  await page.waitForSelector('[data-testid=event-article] mark.hl-verb');
  assert.match(await view.textContent(), /<img src=x onerror=/);
  assert.equal(await page.locator('[data-testid=event-view] img').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);

  step = 'bad filter';
  // An API error is shown in the panel, not thrown.
  await page.keyboard.press('Escape');
  await page.fill('input[name=near]', '95,0,10');
  await page.click('[data-testid=apply-filters]');
  await page.waitForSelector('#table .error');
  problems.splice(0, problems.length, ...problems.filter((p) => !/status of 400/.test(p)));

  assert.deepEqual(problems, [], 'no console errors, page errors or outside requests');
  console.log(JSON.stringify({ ok: true, events: summary.events, timeline_points: allPoints, map_points: places.length, filtered_rows: n, screenshot: shot }));
} catch (e) {
  console.error(`dashboard check failed at step "${step}": ${e.message}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
