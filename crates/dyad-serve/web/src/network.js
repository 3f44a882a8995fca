// The actor network of the busiest dyads: actors as nodes, each directed dyad as an arrow whose
// width grows with its number of events and whose colour is its mean Goldstein score. The
// layout is a force simulation run to rest before drawing (d3-force's deterministic start), so
// the same data always gives the same picture.

import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, forceX, forceY } from 'd3-force';
import { svg, h, fill, num, widthOf } from './dom.js';
import { goldsteinColor } from './colors.js';

const HEIGHT = 380;

/**
 * Draws `dyads` (the /api/dyads list) into `el`. `escalating` is a Set of "SRC>TGT" keys.
 * Each arrow is a `path.net-edge`; `onEdge(source, target)` and `onNode(code)` are called on
 * clicks.
 */
export function drawNetwork(el, dyads, escalating, selected, onEdge, onNode) {
  if (!dyads.length) {
    fill(el, h('p', { class: 'empty' }, 'No dyads for this selection.'));
    return;
  }
  const width = widthOf(el, 640);
  const weight = new Map();
  for (const d of dyads) {
    weight.set(d.source, (weight.get(d.source) || 0) + d.events);
    weight.set(d.target, (weight.get(d.target) || 0) + d.events);
  }
  const nodes = [...weight.keys()].sort().map((id) => ({ id, events: weight.get(id) }));
  const links = dyads.map((d) => ({ ...d }));
  const sim = forceSimulation(nodes)
    .force('link', forceLink(links).id((n) => n.id).distance(90))
    .force('charge', forceManyBody().strength(-150).distanceMax(250))
    .force('center', forceCenter(width / 2, HEIGHT / 2))
    .force('x', forceX(width / 2).strength(0.07))
    .force('y', forceY(HEIGHT / 2).strength(0.14))
    .force('collide', forceCollide(28))
    .stop();
  for (let i = 0; i < 300; i++) sim.tick();
  // Keep every node inside the drawing.
  for (const n of nodes) {
    n.x = Math.max(30, Math.min(width - 30, n.x));
    n.y = Math.max(16, Math.min(HEIGHT - 16, n.y));
  }
  const maxEvents = Math.max(1, ...dyads.map((d) => d.events));
  const radius = (n) => 5 + 9 * Math.sqrt(n.events / Math.max(...nodes.map((m) => m.events)));
  const pairs = new Set(dyads.map((d) => `${d.source}>${d.target}`));

  const root = svg('svg', { class: 'network', width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: 'img', 'aria-label': 'Actor network of the busiest dyads' });
  root.append(
    svg(
      'defs',
      {},
      svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 9, markerHeight: 9, orient: 'auto' }, svg('path', { d: 'M0,0L10,5L0,10z', class: 'arrowhead' })),
    ),
  );
  const edges = svg('g', { class: 'edges' });
  for (const l of links) {
    const s = l.source;
    const t = l.target;
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const len = Math.hypot(dx, dy) || 1;
    // Stop the arrow at the target's rim; bend it when the reverse dyad is drawn too.
    const rt = radius(t) + 3;
    const ex = t.x - (dx / len) * rt;
    const ey = t.y - (dy / len) * rt;
    const bend = pairs.has(`${t.id}>${s.id}`) ? 0.18 : 0;
    const mx = (s.x + ex) / 2 - dy * bend;
    const my = (s.y + ey) / 2 + dx * bend;
    const key = `${s.id}>${t.id}`;
    const isSel = selected && selected.source === s.id && selected.target === t.id;
    edges.append(
      svg(
        'path',
        {
          class: `net-edge${escalating.has(key) ? ' escalating' : ''}${isSel ? ' selected' : ''}`,
          d: `M${s.x.toFixed(1)},${s.y.toFixed(1)}Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
          stroke: goldsteinColor(l.goldstein_mean),
          'stroke-width': (1 + 5 * Math.sqrt(l.events / maxEvents)).toFixed(1),
          'marker-end': 'url(#arrow)',
          'data-source': s.id,
          'data-target': t.id,
          onclick: () => onEdge(s.id, t.id),
        },
        svg('title', {}, `${s.id} → ${t.id}: ${l.events} event${l.events === 1 ? '' : 's'}, mean Goldstein ${num(l.goldstein_mean)}${escalating.has(key) ? ' — escalating' : ''}`),
      ),
    );
  }
  const nodeG = svg('g', { class: 'nodes' });
  for (const n of nodes) {
    nodeG.append(
      svg(
        'g',
        { class: 'net-node', transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`, 'data-code': n.id, onclick: () => onNode(n.id) },
        svg('circle', { r: radius(n).toFixed(1) }),
        svg('text', { y: -radius(n) - 3, 'text-anchor': 'middle' }, n.id),
        svg('title', {}, `${n.id}: ${n.events} events in these dyads (click to filter by this actor)`),
      ),
    );
  }
  root.append(edges, nodeG);
  fill(el, root, h('p', { class: 'caption' }, `${dyads.length} busiest dyads. Arrow width: events; colour: mean Goldstein score; dashed: escalating. Click an arrow to pick the dyad, an actor to filter by it.`));
}
