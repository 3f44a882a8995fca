// The timeline of one dyad (or of every event): stacked bars of events per day or week by
// QuadClass, and the Goldstein balance (the period's sum of Goldstein scores) as a line on its
// own axis, zero in the middle.

import { svg, h, fill, num, widthOf } from './dom.js';
import { QUADS } from './colors.js';

const HEIGHT = 240;
const M = { top: 14, right: 46, bottom: 28, left: 40 };

/**
 * Draws `series` (the /api/series response) into `el`. Each period is one
 * `<g class="tl-point">`; `onPick(period)` is called when one is clicked.
 */
export function drawTimeline(el, series, onPick) {
  const points = series.points;
  if (!points.length) {
    fill(el, h('p', { class: 'empty', 'data-testid': 'timeline-empty' }, 'No dated events for this selection.'));
    return;
  }
  const width = widthOf(el);
  const iw = width - M.left - M.right;
  const ih = HEIGHT - M.top - M.bottom;
  const step = iw / points.length;
  const barW = Math.max(1, Math.min(28, step * 0.8));
  const maxEvents = Math.max(1, ...points.map((p) => p.events));
  const maxAbs = Math.max(1, ...points.map((p) => Math.abs(p.goldstein_sum)));
  const x = (i) => M.left + step * i + step / 2;
  const yEvents = (n) => M.top + ih - (n / maxEvents) * ih;
  const yGold = (g) => M.top + ih / 2 - (g / maxAbs) * (ih / 2);

  const root = svg('svg', {
    class: 'timeline',
    width,
    height: HEIGHT,
    viewBox: `0 0 ${width} ${HEIGHT}`,
    role: 'img',
    'aria-label': `Events per ${series.interval} and Goldstein balance`,
  });

  // Axes: event counts on the left, Goldstein balance on the right.
  root.append(
    svg('line', { class: 'axis', x1: M.left, x2: M.left + iw, y1: M.top + ih, y2: M.top + ih }),
    svg('line', { class: 'zero', x1: M.left, x2: M.left + iw, y1: yGold(0), y2: yGold(0) }),
    svg('text', { class: 'tick', x: M.left - 6, y: yEvents(maxEvents) + 4, 'text-anchor': 'end' }, maxEvents),
    svg('text', { class: 'tick', x: M.left - 6, y: M.top + ih + 4, 'text-anchor': 'end' }, 0),
    svg('text', { class: 'tick gold', x: M.left + iw + 6, y: yGold(maxAbs) + 4 }, `+${num(maxAbs)}`),
    svg('text', { class: 'tick gold', x: M.left + iw + 6, y: yGold(0) + 4 }, 0),
    svg('text', { class: 'tick gold', x: M.left + iw + 6, y: yGold(-maxAbs) + 4 }, `−${num(maxAbs)}`),
  );

  // Date labels: first, last and a few between, never closer than 80 px.
  const every = Math.max(1, Math.ceil(80 / step));
  points.forEach((p, i) => {
    if (i % every === 0 || i === points.length - 1) {
      if (i === points.length - 1 && i % every !== 0 && (i % every) * step < 60) return;
      root.append(svg('text', { class: 'tick', x: x(i), y: HEIGHT - 8, 'text-anchor': 'middle' }, p.period));
    }
  });

  points.forEach((p, i) => {
    const g = svg('g', {
      class: 'tl-point',
      'data-period': p.period,
      'data-events': p.events,
      onclick: () => onPick && onPick(p.period),
    });
    let base = 0;
    QUADS.forEach((q, qi) => {
      const n = p.quad[qi];
      if (!n) return;
      const y0 = yEvents(base);
      const y1 = yEvents(base + n);
      g.append(svg('rect', { class: `q${q.id}`, x: x(i) - barW / 2, y: y1, width: barW, height: Math.max(0.5, y0 - y1), fill: q.color }));
      base += n;
    });
    // A full-height transparent target for hovering and clicking.
    const tip = [
      `${p.period}: ${p.events} event${p.events === 1 ? '' : 's'}`,
      ...QUADS.map((q, qi) => (p.quad[qi] ? `${q.name}: ${p.quad[qi]}` : null)).filter(Boolean),
      `Goldstein balance: ${num(p.goldstein_sum)}`,
    ].join('\n');
    g.append(svg('rect', { class: 'hit', x: M.left + step * i, y: M.top, width: step, height: ih }, svg('title', {}, tip)));
    root.append(g);
  });

  // The Goldstein balance line, drawn over the bars.
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${yGold(p.goldstein_sum).toFixed(1)}`).join('');
  root.append(svg('path', { class: 'gold-line', d }));
  points.forEach((p, i) => {
    if (p.events) root.append(svg('circle', { class: 'gold-dot', cx: x(i), cy: yGold(p.goldstein_sum), r: 2.5 }));
  });

  const legend = h(
    'div',
    { class: 'legend' },
    QUADS.map((q) => h('span', {}, h('i', { class: `sw q${q.id}` }), q.name)),
    h('span', {}, h('i', { class: 'line' }), 'Goldstein balance (right axis)'),
  );
  fill(el, root, legend);
}
