// The world map: country shapes from Natural Earth (npm `world-atlas`, 1:110m, embedded in the
// binary and served from /assets/world.json) and one circle per event location, its area
// proportional to the number of events there and its colour the mean Goldstein score.

import { geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import { svg, h, fill, num, widthOf } from './dom.js';
import { goldsteinColor } from './colors.js';

let world = null;

async function loadWorld() {
  if (!world) {
    const res = await fetch('/assets/world.json');
    if (!res.ok) throw new Error(`the map's country shapes did not load (HTTP ${res.status})`);
    const topo = await res.json();
    world = {
      countries: feature(topo, topo.objects.countries),
      borders: mesh(topo, topo.objects.countries, (a, b) => a !== b),
    };
  }
  return world;
}

/** Draws `places` (the /api/places list) into `el`; each place is a `circle.map-point`. */
export async function drawMap(el, places, onPick) {
  const w = await loadWorld();
  const width = widthOf(el, 640);
  const height = Math.round(width * 0.52);
  const projection = geoNaturalEarth1().fitExtent(
    [
      [4, 4],
      [width - 4, height - 4],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection);
  const root = svg('svg', { class: 'map', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Event locations' });
  root.append(
    svg('path', { class: 'sphere', d: path({ type: 'Sphere' }) }),
    svg('path', { class: 'graticule', d: path(geoGraticule10()) }),
    svg('g', { class: 'countries' }, w.countries.features.map((f) => svg('path', { class: 'country', d: path(f) }, svg('title', {}, f.properties.name)))),
    svg('path', { class: 'borders', d: path(w.borders) }),
  );
  const located = places.filter((p) => p.lat !== null && p.lon !== null);
  const max = Math.max(1, ...located.map((p) => p.events));
  const dots = svg('g', { class: 'points' });
  // Biggest first, so small circles stay on top and clickable.
  for (const p of [...located].sort((a, b) => b.events - a.events)) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    const r = 3 + 14 * Math.sqrt(p.events / max);
    dots.append(
      svg(
        'circle',
        {
          class: 'map-point',
          cx: xy[0].toFixed(1),
          cy: xy[1].toFixed(1),
          r: r.toFixed(1),
          fill: goldsteinColor(p.goldstein_mean),
          'data-name': p.name,
          'data-events': p.events,
          onclick: () => onPick && onPick(p),
        },
        svg('title', {}, `${p.name}${p.country ? ` (${p.country})` : ''}: ${p.events} event${p.events === 1 ? '' : 's'}, mean Goldstein ${num(p.goldstein_mean)}`),
      ),
    );
  }
  root.append(dots);
  const unlocated = places.length - located.length;
  fill(
    el,
    root,
    h('p', { class: 'caption' }, `${located.length} location${located.length === 1 ? '' : 's'}`, unlocated ? ` (${unlocated} without coordinates)` : '', '. Circle area: events; colour: mean Goldstein score (red conflict, blue cooperation). Click a circle to filter the table to events within 50 km.'),
  );
}
