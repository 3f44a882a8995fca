// The event table: one page of /api/events, newest filters applied, a row per event.

import { h, fill, num } from './dom.js';
import { QUADS } from './colors.js';

/** `code — label` for a CAMEO code when its label is known. */
export function cameoText(code, labels) {
  const label = labels.get(code);
  return label ? `${code} ${label}` : code;
}

function actor(a) {
  if (!a) return h('span', { class: 'muted' }, '—');
  return h('span', {}, h('code', {}, a.code || '?'), ' ', h('span', { class: 'muted' }, a.text));
}

/**
 * Draws a page (the /api/events response) into `el`: rows are `tr.ev-row` with `data-id`;
 * `onOpen(id)` opens the event view, `onPage(offset)` moves to another page.
 */
export function drawTable(el, page, labels, onOpen, onPage) {
  const { total, offset, limit, events } = page;
  const head = h(
    'tr',
    {},
    ['Date', 'Source', 'Event', 'Target', 'Goldstein', 'Location', 'According to'].map((t) => h('th', { scope: 'col' }, t)),
  );
  const rows = events.map((e) => {
    const flags = [];
    if (e.modality.negated) flags.push(h('span', { class: 'badge neg' }, 'negated'));
    if (e.modality.future) flags.push(h('span', { class: 'badge' }, 'intent'));
    if (e.attribution && e.attribution.hedged) flags.push(h('span', { class: 'badge hedge', title: e.attribution.cue || '' }, 'hedged'));
    const att = e.attribution;
    const who = att ? [att.speaker, att.outlet].filter(Boolean).join(' via ') : '';
    return h(
      'tr',
      {
        class: 'ev-row',
        'data-id': e.id,
        tabindex: 0,
        onclick: () => onOpen(e.id),
        onkeydown: (ev) => {
          if (ev.key === 'Enter') onOpen(e.id);
        },
      },
      h('td', { class: 'nowrap' }, e.date || '—', e.date_precision !== 'day' ? h('span', { class: 'muted small' }, ` ${e.date_precision}`) : ''),
      h('td', {}, actor(e.source)),
      h('td', {}, h('span', { class: `quad q${e.quad_class}`, title: QUADS[e.quad_class - 1] ? QUADS[e.quad_class - 1].name : '' }), cameoText(e.cameo, labels), ' ', flags),
      h('td', {}, actor(e.target)),
      h('td', { class: 'num' }, num(e.goldstein)),
      h('td', {}, e.location ? `${e.location.name}${e.location.country ? ` (${e.location.country})` : ''}` : '—'),
      h('td', {}, who || '—'),
    );
  });
  const last = Math.min(total, offset + events.length);
  const pager = h(
    'div',
    { class: 'pager' },
    h('button', { type: 'button', 'data-testid': 'prev-page', disabled: offset === 0, onclick: () => onPage(Math.max(0, offset - limit)) }, '← Previous'),
    h('span', { 'data-testid': 'table-count' }, total ? `${offset + 1}–${last} of ${total} events` : 'No events match.'),
    h('button', { type: 'button', 'data-testid': 'next-page', disabled: last >= total, onclick: () => onPage(offset + limit) }, 'Next →'),
  );
  fill(el, h('table', { class: 'events', 'data-total': total }, h('thead', {}, head), h('tbody', {}, rows)), pager);
}
