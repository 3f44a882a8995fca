// DOM builders. Text always goes in as text nodes, never as markup: news text is untrusted,
// and building elements this way escapes it by construction (there is no innerHTML anywhere).

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'text') {
      el.textContent = String(v);
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An HTML element: `h('td', {class: 'num'}, '3')`. */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element. */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  return build(el, {}, children);
}

/** A number for display: at most `digits` decimals, no trailing zeros. */
export function num(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  return Number(x.toFixed(digits)).toString();
}

/** The width available to a chart inside `el`. */
export function widthOf(el, fallback = 800) {
  const w = Math.floor(el.getBoundingClientRect().width);
  return w > 100 ? w : fallback;
}
