// QuadClass colours and the Goldstein scale's diverging colour, shared by every chart.

export const QUADS = [
  { id: 1, name: 'Verbal cooperation', color: '#74a9cf' },
  { id: 2, name: 'Material cooperation', color: '#0570b0' },
  { id: 3, name: 'Verbal conflict', color: '#fd8d3c' },
  { id: 4, name: 'Material conflict', color: '#d7301f' },
];

/** A colour for a Goldstein score in [-10, 10]: red for conflict, blue for cooperation. */
export function goldsteinColor(g) {
  if (g === null || g === undefined || Number.isNaN(g)) return '#999';
  const t = Math.max(-1, Math.min(1, g / 10));
  // Interpolate from grey (0) to red (-1) or blue (+1).
  const grey = [150, 150, 150];
  const end = t < 0 ? [215, 48, 31] : [5, 112, 176];
  const a = Math.abs(t) ** 0.7;
  const c = grey.map((v, i) => Math.round(v + (end[i] - v) * a));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}
