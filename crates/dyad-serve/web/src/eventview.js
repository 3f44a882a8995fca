// The event view: what was coded, from which words, by which rule, according to whom, with the
// article's text and the evidence highlighted (source, verb, target, time, place).

import { h, fill, num } from './dom.js';
import { cameoText } from './table.js';

const ROLE_NAMES = { source: 'source', verb: 'verb', target: 'target', time: 'time', place: 'place' };

/**
 * The article text as nodes, with `highlights` (byte offsets into the UTF-8 text, possibly
 * overlapping) wrapped in `<mark class="hl hl-ROLE">`.
 */
export function highlighted(text, highlights) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const valid = highlights.filter((x) => x.start < x.end && x.end <= bytes.length);
  const cuts = new Set([0, bytes.length]);
  for (const x of valid) {
    cuts.add(x.start);
    cuts.add(x.end);
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    const piece = dec.decode(bytes.subarray(a, b));
    const roles = valid.filter((x) => x.start <= a && b <= x.end).map((x) => x.role);
    if (roles.length) {
      out.push(h('mark', { class: ['hl', ...roles.map((r) => `hl-${r}`)].join(' '), 'data-roles': roles.join(' '), title: roles.map((r) => ROLE_NAMES[r] || r).join(', ') }, piece));
    } else {
      out.push(piece);
    }
  }
  return out;
}

function row(label, ...value) {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

function safeUrl(u) {
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Draws the /api/events/{id} response into `el`. */
export function drawEvent(el, detail, labels, onClose) {
  const { event: e, article: a, highlights } = detail;
  const url = a.url ? safeUrl(a.url) : null;
  const att = e.attribution;
  const mod = e.modality;
  const flags = [mod.negated && 'negated', mod.future && 'intended or planned', mod.hypothetical && 'hypothetical'].filter(Boolean);
  const rule = e.rule;
  fill(
    el,
    h('button', { type: 'button', class: 'close', 'aria-label': 'Close the event view', 'data-testid': 'close-event', onclick: onClose }, '×'),
    h(
      'h2',
      { 'data-testid': 'event-title' },
      h('code', {}, e.source.code || '?'),
      ' → ',
      cameoText(e.cameo, labels),
      ' → ',
      h('code', {}, e.target ? e.target.code || '?' : '—'),
    ),
    h(
      'dl',
      { class: 'facts' },
      row('Source', e.source.text, e.source.code ? ` (${e.source.code})` : ''),
      row('Target', e.target ? `${e.target.text}${e.target.code ? ` (${e.target.code})` : ''}` : '—'),
      row('Event', cameoText(e.cameo, labels), `, Goldstein ${num(e.goldstein)}, QuadClass ${e.quad_class}`, e.plover && e.plover.event ? `, PLOVER ${e.plover.event}${e.plover.mode ? ` (${e.plover.mode})` : ''}` : ''),
      row('Date', e.date || 'unknown', ` (${e.date_precision}${e.date_text ? `: “${e.date_text}”` : ''})`),
      row('Location', e.location ? `${e.location.name}${e.location.country ? `, ${e.location.country}` : ''}${e.location.feature ? ` (${e.location.feature})` : ''}${e.location.basis ? ` — from the ${e.location.basis}` : ''}` : '—'),
      row('According to', att ? [att.speaker, att.outlet].filter(Boolean).join(' via ') || '—' : '—', att && att.hedged ? h('span', { class: 'badge hedge' }, `hedged${att.cue ? `: “${att.cue}”` : ''}`) : ''),
      row('Modality', flags.length ? flags.join(', ') : 'asserted'),
      row('Rule', h('code', { 'data-testid': 'event-rule' }, `${rule.dictionary}:${rule.line}`), ' ', h('code', {}, rule.pattern), rule.transform ? ` (${rule.transform})` : ''),
      row('Article', a.title || a.id, a.outlet ? ` — ${a.outlet}` : '', a.published ? `, ${a.published}` : '', url ? [' ', h('a', { href: url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original')] : ''),
    ),
    h(
      'p',
      { class: 'legend' },
      ['source', 'verb', 'target', 'time', 'place'].map((r) => h('span', { class: `hl hl-${r}` }, r)),
    ),
    h('div', { class: 'article', 'data-testid': 'event-article' }, highlighted(a.text, highlights)),
  );
  const verb = el.querySelector('.article mark.hl-verb');
  if (verb) verb.scrollIntoView({ block: 'center' });
}
