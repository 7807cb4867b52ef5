/**
 * Pure renderers of a brief: the same `BriefData` as Markdown or as ONE self-contained printable
 * HTML file (inline CSS with print rules, an inline SVG timeline, no scripts, fonts, images or links
 * to fetch). Everything from the store is escaped; Persian-script text is marked dir="rtl".
 */
import type { Affiliation, Case, CaseNote, ProvenanceRelation, Tlp } from '@ogoh/core';
import { BRIEF_STRINGS, type BriefLang, type BriefStrings } from './strings.ts';

export interface BriefQuote {
  text: string;
  itemId: string;
  lang: string;
}

export interface BriefCard {
  what: string;
  why: string;
  check: string;
  /** the card deck's headings in the brief's language */
  headings: { what: string; why: string; check: string };
}

export interface BriefLabel {
  id: string;
  /** the label in the brief's language */
  name: string;
  /** narratives: actor family; techniques: category */
  group: string;
  items: number;
  maxScore: number;
  quotes: BriefQuote[];
  /** narratives only */
  disarm?: string[];
  card?: BriefCard;
}

export interface BriefConvergence {
  pair: string;
  mechanism?: string;
  narratives: string[];
  itemId: string;
  score: number;
  quotes: BriefQuote[];
}

export interface BriefTimelineEntry {
  itemId: string;
  published?: string;
  sourceName: string;
  affiliation?: Affiliation;
  lang: string;
  text: string;
}

export interface BriefChainStep {
  itemId: string;
  sourceName: string;
  affiliation: Affiliation;
  lang: string;
  published?: string;
  relation?: ProvenanceRelation;
  lagSeconds?: number;
  credits?: string;
  attributed: boolean;
  laundering: boolean;
  depth: number;
  title: string;
}

export interface BriefChain {
  storyId: string;
  size: number;
  sources: number;
  firstSeen?: string;
  steps: BriefChainStep[];
  /** steps left out of a long chain */
  more: number;
  laundering?: { origin: string; affiliation: Affiliation; items: number };
}

export interface BriefData {
  lang: BriefLang;
  generatedAt: string;
  case: Case;
  facts: { items: number; sources: number; langs: string[]; firstSeen?: string; lastSeen?: string };
  /** counts per bucket (day or ISO week start), oldest first, gaps filled with 0 */
  series: { bucket: 'day' | 'week'; points: { start: string; count: number }[] };
  timeline: BriefTimelineEntry[];
  /** entries of the timeline table left out */
  timelineMore: number;
  provenance: BriefChain[] | 'unavailable';
  narratives: BriefLabel[];
  techniques: BriefLabel[];
  convergence: BriefConvergence[];
  /** DISARM techniques with their (English) names from the derived table, when it has the id */
  disarm: { id: string; name?: string; via: string[] }[];
  /** the CC BY-SA attribution of the DISARM names, shown in the footer when any are listed */
  disarmAttribution?: string;
  checks: string[];
  notes: CaseNote[];
}

const PERSIAN = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
/** Mostly Persian/Arabic script: such text reads right to left. */
export function isRtl(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return false;
  let rtl = 0;
  for (const l of letters) if (PERSIAN.test(l)) rtl++;
  return rtl / letters.length > 0.4;
}

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Markdown-safe inline text: no table breaks, no accidental markup. */
function md(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/([\\`*_[\]<>|#])/g, '\\$1')
    .trim();
}

const when = (t: string | undefined, s: BriefStrings) =>
  t ? `${t.slice(0, 16).replace('T', ' ')} UTC` : s.undated;

function lag(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  const m = Math.round(Math.abs(seconds) / 60);
  if (m < 60) return `+${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? `+${h}h${String(m % 60).padStart(2, '0')}m` : `+${Math.floor(h / 24)}d${h % 24}h`;
}

export const tlpLabel = (t: Tlp) => `TLP:${t.toUpperCase()}`;

const TLP_COLOURS: Record<Tlp, { fg: string; bg: string }> = {
  clear: { fg: '#000000', bg: '#ffffff' },
  green: { fg: '#33ff00', bg: '#000000' },
  amber: { fg: '#ffc000', bg: '#000000' },
  'amber+strict': { fg: '#ffc000', bg: '#000000' },
  red: { fg: '#ff2b2b', bg: '#000000' },
};

function stepLine(st: BriefChainStep, s: BriefStrings): string {
  const rel = st.relation ? s.relations[st.relation] : s.origin;
  const credit =
    st.depth === 0 ? '' : st.credits ? s.credits(st.credits) : st.attributed ? '' : s.noAttribution;
  return [
    when(st.published, s),
    lag(st.lagSeconds),
    `${st.sourceName} (${s.affiliations[st.affiliation]})`,
    st.lang,
    rel,
    credit,
  ]
    .filter((x) => x !== '')
    .join(' · ');
}

// ---------------------------------------------------------------- Markdown

export function renderBriefMarkdown(d: BriefData): string {
  const s = BRIEF_STRINGS[d.lang];
  const c = d.case;
  const out: string[] = [];
  out.push(`**${tlpLabel(c.tlp)}** — ${s.tlpMeaning[c.tlp]}`, '');
  out.push(`> **${s.draft}.** ${s.draftNote}`, '');
  out.push(`# ${s.title}: ${md(c.title)}`, '');
  out.push(
    `${s.case} \`${c.id}\` · ${s.status}: ${s.statuses[c.status]} · ${s.assignee}: ${c.assignee ? md(c.assignee) : s.none} · ${s.generated}: ${when(d.generatedAt, s)}`,
    '',
  );

  out.push(`## ${s.sections.summary}`, '');
  out.push(c.summary.trim() ? c.summary.trim() : `_${s.noSummary}_`, '');
  out.push(
    s.facts({
      items: d.facts.items,
      sources: d.facts.sources,
      langs: d.facts.langs.join(', ') || '—',
      first: when(d.facts.firstSeen, s),
      last: when(d.facts.lastSeen, s),
    }),
    '',
  );

  out.push(`## ${s.sections.timeline}`, '');
  if (d.series.points.length > 0) {
    out.push(`| ${d.series.bucket === 'day' ? s.date : s.perWeek} | ${s.count} |`, '|---|---:|');
    for (const p of d.series.points) if (p.count > 0) out.push(`| ${p.start} | ${p.count} |`);
    out.push('');
  }
  if (d.timeline.length > 0) {
    out.push(`| ${s.date} | ${s.source} | ${s.language} | ${s.text} |`, '|---|---|---|---|');
    for (const e of d.timeline)
      out.push(`| ${when(e.published, s)} | ${md(e.sourceName)} | ${e.lang} | ${md(e.text)} |`);
    if (d.timelineMore > 0) out.push('', s.moreItems(d.timelineMore));
    out.push('');
  } else out.push(s.noneFound, '');

  out.push(`## ${s.sections.provenance}`, '');
  if (d.provenance === 'unavailable') out.push(s.provenanceUnavailable, '');
  else if (d.provenance.length === 0) out.push(s.noProvenance, '');
  else
    for (const ch of d.provenance) {
      out.push(
        `**${ch.storyId}** — ${s.storyLine({ size: ch.size, sources: ch.sources, first: when(ch.firstSeen, s) })}`,
        '',
      );
      if (ch.laundering)
        out.push(
          `> ⚠ ${s.laundering(md(ch.laundering.origin), s.affiliations[ch.laundering.affiliation], ch.laundering.items)}`,
          '',
        );
      for (const st of ch.steps)
        out.push(`${'  '.repeat(Math.min(st.depth, 6))}- ${md(stepLine(st, s))} — ${md(st.title)}`);
      if (ch.more > 0) out.push('', s.moreItems(ch.more));
      out.push('');
    }

  const labels = (title: string, list: BriefLabel[]) => {
    out.push(`## ${title}`, '');
    if (list.length === 0) {
      out.push(s.noneFound, '');
      return;
    }
    for (const l of list) {
      out.push(
        `### ${md(l.name)} (\`${l.id}\`)`,
        '',
        `${md(l.group)} · ${s.itemsFlagged(l.items)} · ${s.score} ${l.maxScore.toFixed(2)}${l.disarm?.length ? ` · DISARM ${l.disarm.join(', ')}` : ''}`,
        '',
      );
      if (l.quotes.length > 0) {
        out.push(`${s.quotes}:`, '');
        for (const q of l.quotes) out.push(`> “${md(q.text)}” — \`${q.itemId}\``, '');
      }
      if (l.card)
        out.push(
          `**${s.card}.** _${md(l.card.headings.what)}:_ ${md(l.card.what)} _${md(l.card.headings.why)}:_ ${md(l.card.why)} _${md(l.card.headings.check)}:_ ${md(l.card.check)}`,
          '',
        );
      else out.push(`_${s.cardPending}_`, '');
    }
  };
  labels(s.sections.narratives, d.narratives);
  labels(s.sections.techniques, d.techniques);

  out.push(`## ${s.sections.convergence}`, '');
  if (d.convergence.length === 0) out.push(s.noneFound, '');
  for (const cv of d.convergence) {
    out.push(
      `- **${md(cv.pair)}** (${cv.narratives.join(' + ')}, \`${cv.itemId}\`, ${s.score} ${cv.score.toFixed(2)}): ${cv.mechanism ? md(cv.mechanism) : ''} _${s.hypothesis}_`,
    );
    for (const q of cv.quotes) out.push(`  > “${md(q.text)}”`);
  }
  out.push('');

  out.push(`## ${s.sections.disarm}`, '');
  if (d.disarm.length === 0) out.push(s.noneFound, '');
  else {
    for (const t of d.disarm)
      out.push(`- ${t.id}${t.name ? ` ${md(t.name)}` : ''} (${s.disarmVia} ${t.via.join(', ')})`);
    out.push('', `_${s.disarmNote}_`, '');
  }

  out.push(`## ${s.sections.checks}`, '');
  for (const ch of d.checks) out.push(`- [ ] ${md(ch)}`);
  out.push('');

  if (d.notes.length > 0) {
    out.push(`## ${s.sections.notes}`, '');
    for (const n of d.notes) out.push(`- ${when(n.at, s)}, ${md(n.author)}: ${md(n.text)}`);
    out.push('');
  }
  out.push('---', '', `**${tlpLabel(c.tlp)}** · ${s.draft} · ${s.footer}`, '');
  if (d.disarmAttribution) out.push(`_${md(d.disarmAttribution)}_`, '');
  return out.join('\n');
}

// ---------------------------------------------------------------- HTML

/** Bars per day (or week) as inline SVG, sized in viewBox units so it scales to the page. */
export function timelineSvg(d: BriefData, s: BriefStrings): string {
  const pts = d.series.points;
  if (pts.length === 0) return '';
  const W = 720;
  const H = 180;
  const left = 36;
  const bottom = 28;
  const top = 12;
  const max = Math.max(1, ...pts.map((p) => p.count));
  // a few days of data still look like bars, not a wall
  const bw = Math.min((W - left - 8) / pts.length, 48);
  const scale = (H - top - bottom) / max;
  const bars = pts
    .map((p, i) => {
      const h = p.count * scale;
      const x = left + i * bw;
      return `<rect x="${(x + bw * 0.1).toFixed(1)}" y="${(H - bottom - h).toFixed(1)}" width="${Math.max(bw * 0.8, 0.5).toFixed(1)}" height="${h.toFixed(1)}"><title>${esc(p.start)}: ${p.count}</title></rect>`;
    })
    .join('');
  const every = Math.max(1, Math.ceil(pts.length / 8));
  const ticks = pts
    .map((p, i) =>
      i % every === 0
        ? `<text x="${(left + i * bw + bw / 2).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle">${esc(p.start.slice(5))}</text>`
        : '',
    )
    .join('');
  const label = d.series.bucket === 'day' ? s.perDay : s.perWeek;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(label)}"><line x1="${left}" y1="${H - bottom}" x2="${W - 4}" y2="${H - bottom}" class="axis"/><text x="${left - 6}" y="${top + 8}" text-anchor="end">${max}</text><text x="${left - 6}" y="${H - bottom}" text-anchor="end">0</text><g class="bars">${bars}</g><g class="ticks">${ticks}</g></svg><p class="caption">${esc(label)} (${esc(pts[0]!.start)} … ${esc(pts.at(-1)!.start)})</p>`;
}

/** Text from the store, with its direction set when it is Persian script. */
function txt(text: string, lang?: string): string {
  if (isRtl(text))
    return `<span dir="rtl" lang="${lang === 'fa' || !lang ? 'fa' : esc(lang)}">${esc(text)}</span>`;
  return esc(text);
}

const CSS = `
:root{--ink:#111;--muted:#555;--line:#ccc;--accent:#7a1f1f}
*{box-sizing:border-box}
body{margin:0 auto;max-width:820px;padding:24px;color:var(--ink);background:#fff;
font:15px/1.5 "Noto Sans","DejaVu Sans","Segoe UI","Liberation Sans",Arial,sans-serif}
[dir=rtl],[lang=fa]{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Vazirmatn",Tahoma,"DejaVu Sans",sans-serif;unicode-bidi:isolate}
h1{font-size:24px;margin:8px 0 4px}h2{font-size:18px;border-bottom:2px solid var(--ink);padding-bottom:2px;margin-top:28px}
h3{font-size:15px;margin:16px 0 4px}
.tlp{display:inline-block;font-weight:700;padding:2px 8px;border-radius:2px;letter-spacing:.5px}
.marking{display:flex;gap:12px;align-items:center;justify-content:space-between;border-bottom:1px solid var(--line);padding-bottom:6px}
.draft{border:3px double var(--accent);color:var(--accent);padding:8px 12px;margin:12px 0;font-weight:700}
.draft small{display:block;font-weight:400;color:var(--ink)}
.meta,.caption,.muted{color:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid var(--line);padding:4px 6px;text-align:start;vertical-align:top}
th{background:#f3f3f3}
blockquote{margin:6px 0;padding:4px 10px;border-inline-start:3px solid var(--line);font-style:italic}
.chart{width:100%;height:auto;font-size:11px}.chart .bars rect{fill:#3b5b8c}.chart .axis{stroke:#333}
.chain{list-style:none;padding:0;margin:4px 0}.chain li{padding:2px 0;border-bottom:1px dotted var(--line)}
.warn{background:#fff4e5;border:1px solid #f0a040;padding:6px 10px}
.card{background:#f6f8fb;border:1px solid #d5deea;padding:6px 10px;font-size:13px}
.card dt{font-weight:700}.card dd{margin:0 0 4px}
.checks li{margin:3px 0}
code{font-family:"DejaVu Sans Mono","Noto Sans Mono",monospace;font-size:12px}
footer{margin-top:32px;border-top:1px solid var(--line);padding-top:6px;font-size:12px;color:var(--muted)}
@page{size:A4;margin:16mm 14mm}
@media print{body{max-width:none;padding:0;font-size:11pt}h2{break-after:avoid}
section,li,tr,blockquote,.card{break-inside:avoid}.draft{border-width:2px}
.tlp{-webkit-print-color-adjust:exact;print-color-adjust:exact}.chart .bars rect{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

export function renderBriefHtml(d: BriefData): string {
  const s = BRIEF_STRINGS[d.lang];
  const c = d.case;
  const colour = TLP_COLOURS[c.tlp];
  const tlp = `<span class="tlp" style="color:${colour.fg};background:${colour.bg};border:1px solid #000">${esc(tlpLabel(c.tlp))}</span>`;
  const h: string[] = [];
  h.push(
    '<!doctype html>',
    `<html lang="${d.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<title>${esc(tlpLabel(c.tlp))} · ${esc(s.draft)} · ${esc(c.title)}</title><style>${CSS}</style></head><body>`,
    `<div class="marking">${tlp}<span class="muted">${esc(s.tlpMeaning[c.tlp])}</span></div>`,
    `<div class="draft" role="note">${esc(s.draft)}<small>${esc(s.draftNote)}</small></div>`,
    `<h1>${esc(s.title)}: ${esc(c.title)}</h1>`,
    `<p class="meta">${esc(s.case)} <code>${esc(c.id)}</code> · ${esc(s.status)}: ${esc(s.statuses[c.status])} · ${esc(s.assignee)}: ${c.assignee ? esc(c.assignee) : esc(s.none)} · ${esc(s.generated)}: ${esc(when(d.generatedAt, s))}</p>`,
  );

  h.push(`<section><h2>${esc(s.sections.summary)}</h2>`);
  h.push(
    c.summary.trim()
      ? c.summary
          .trim()
          .split(/\n{2,}/)
          .map((p) => `<p>${txt(p)}</p>`)
          .join('')
      : `<p class="muted">${esc(s.noSummary)}</p>`,
  );
  h.push(
    `<p>${esc(
      s.facts({
        items: d.facts.items,
        sources: d.facts.sources,
        langs: d.facts.langs.join(', ') || '—',
        first: when(d.facts.firstSeen, s),
        last: when(d.facts.lastSeen, s),
      }),
    )}</p></section>`,
  );

  h.push(`<section><h2>${esc(s.sections.timeline)}</h2>${timelineSvg(d, s)}`);
  if (d.timeline.length > 0) {
    h.push(
      `<table><thead><tr><th>${esc(s.date)}</th><th>${esc(s.source)}</th><th>${esc(s.language)}</th><th>${esc(s.text)}</th></tr></thead><tbody>`,
    );
    for (const e of d.timeline)
      h.push(
        `<tr><td>${esc(when(e.published, s))}</td><td>${esc(e.sourceName)}${e.affiliation ? `<br><span class="muted">${esc(s.affiliations[e.affiliation])}</span>` : ''}</td><td>${esc(e.lang)}</td><td>${txt(e.text, e.lang)}</td></tr>`,
      );
    h.push('</tbody></table>');
    if (d.timelineMore > 0) h.push(`<p class="muted">${esc(s.moreItems(d.timelineMore))}</p>`);
  } else h.push(`<p class="muted">${esc(s.noneFound)}</p>`);
  h.push('</section>');

  h.push(`<section><h2>${esc(s.sections.provenance)}</h2>`);
  if (d.provenance === 'unavailable') h.push(`<p class="muted">${esc(s.provenanceUnavailable)}</p>`);
  else if (d.provenance.length === 0) h.push(`<p class="muted">${esc(s.noProvenance)}</p>`);
  else
    for (const ch of d.provenance) {
      h.push(
        `<h3><code>${esc(ch.storyId)}</code></h3><p class="meta">${esc(s.storyLine({ size: ch.size, sources: ch.sources, first: when(ch.firstSeen, s) }))}</p>`,
      );
      if (ch.laundering)
        h.push(
          `<p class="warn">⚠ ${esc(s.laundering(ch.laundering.origin, s.affiliations[ch.laundering.affiliation], ch.laundering.items))}</p>`,
        );
      h.push('<ol class="chain">');
      for (const st of ch.steps)
        h.push(
          `<li style="padding-inline-start:${Math.min(st.depth, 6) * 18}px">${st.depth > 0 ? '↳ ' : ''}${esc(stepLine(st, s))}<br><span class="muted">${txt(st.title, st.lang)}</span></li>`,
        );
      h.push('</ol>');
      if (ch.more > 0) h.push(`<p class="muted">${esc(s.moreItems(ch.more))}</p>`);
    }
  h.push('</section>');

  const labels = (title: string, list: BriefLabel[]) => {
    h.push(`<section><h2>${esc(title)}</h2>`);
    if (list.length === 0) h.push(`<p class="muted">${esc(s.noneFound)}</p>`);
    for (const l of list) {
      h.push(
        `<h3>${esc(l.name)} <code>${esc(l.id)}</code></h3><p class="meta">${esc(l.group)} · ${esc(s.itemsFlagged(l.items))} · ${esc(s.score)} ${l.maxScore.toFixed(2)}${l.disarm?.length ? ` · DISARM ${esc(l.disarm.join(', '))}` : ''}</p>`,
      );
      for (const q of l.quotes)
        h.push(
          `<blockquote>“${txt(q.text, q.lang)}” <span class="muted"><code>${esc(q.itemId)}</code></span></blockquote>`,
        );
      if (l.card)
        h.push(
          `<dl class="card" data-card="${esc(l.id)}"><dt>${esc(s.card)}: ${esc(l.card.headings.what)}</dt><dd>${esc(l.card.what)}</dd><dt>${esc(l.card.headings.why)}</dt><dd>${esc(l.card.why)}</dd><dt>${esc(l.card.headings.check)}</dt><dd>${esc(l.card.check)}</dd></dl>`,
        );
      else h.push(`<p class="muted">${esc(s.cardPending)}</p>`);
    }
    h.push('</section>');
  };
  labels(s.sections.narratives, d.narratives);
  labels(s.sections.techniques, d.techniques);

  h.push(`<section><h2>${esc(s.sections.convergence)}</h2>`);
  if (d.convergence.length === 0) h.push(`<p class="muted">${esc(s.noneFound)}</p>`);
  for (const cv of d.convergence) {
    h.push(
      `<h3>${esc(cv.pair)}</h3><p class="meta">${esc(cv.narratives.join(' + '))} · <code>${esc(cv.itemId)}</code> · ${esc(s.score)} ${cv.score.toFixed(2)} · <em>${esc(s.hypothesis)}</em></p>`,
    );
    if (cv.mechanism) h.push(`<p>${esc(cv.mechanism)}</p>`);
    for (const q of cv.quotes) h.push(`<blockquote>“${txt(q.text, q.lang)}”</blockquote>`);
  }
  h.push('</section>');

  h.push(`<section><h2>${esc(s.sections.disarm)}</h2>`);
  if (d.disarm.length === 0) h.push(`<p class="muted">${esc(s.noneFound)}</p>`);
  else
    h.push(
      `<ul>${d.disarm.map((t) => `<li><code>${esc(t.id)}</code>${t.name ? ` ${esc(t.name)}` : ''} <span class="muted">${esc(s.disarmVia)} ${esc(t.via.join(', '))}</span></li>`).join('')}</ul><p class="muted">${esc(s.disarmNote)}</p>`,
    );
  h.push('</section>');

  h.push(
    `<section><h2>${esc(s.sections.checks)}</h2><ul class="checks">${d.checks.map((x) => `<li>☐ ${esc(x)}</li>`).join('')}</ul></section>`,
  );

  if (d.notes.length > 0)
    h.push(
      `<section><h2>${esc(s.sections.notes)}</h2><ul>${d.notes.map((n) => `<li><span class="muted">${esc(when(n.at, s))}, ${esc(n.author)}:</span> ${txt(n.text)}</li>`).join('')}</ul></section>`,
    );
  h.push(
    `<footer>${tlp} · ${esc(s.draft)} · ${esc(s.footer)}${d.disarmAttribution ? `<br>${esc(d.disarmAttribution)}` : ''}</footer></body></html>`,
    '',
  );
  return h.join('\n');
}
