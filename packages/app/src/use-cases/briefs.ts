/**
 * `ogoh brief CASE_ID` and GET /api/cases/:id/brief: gathers a case's evidence into `BriefData`
 * (items and the stories they belong to, detections grouped by narrative and technique with quotes,
 * convergence hypotheses, DISARM ids from the taxonomy, the provenance chain from `traceStory`, a
 * check list) and renders it with the pure renderers in ../briefs/. Each flagged label carries its
 * media-literacy card text (@ogoh/detect cards) in the brief's language.
 */
import { type CaseStore, type Detection, type Item, isOgohError, OgohError, type Source } from '@ogoh/core';
import {
  cardDeck,
  cardFor,
  convergenceMechanism,
  defaultTaxonomy,
  type Taxonomy,
  techniqueInfo,
} from '@ogoh/detect';
import { disarmData, disarmTechnique } from '@ogoh/share';
import {
  type BriefChain,
  type BriefConvergence,
  type BriefData,
  type BriefLabel,
  type BriefQuote,
  type BriefTimelineEntry,
  renderBriefHtml,
  renderBriefMarkdown,
} from '../briefs/render.ts';
import { BRIEF_STRINGS, type BriefLang } from '../briefs/strings.ts';
import type { Ogoh } from '../context.ts';
import { excerpt, showCase } from './cases.ts';
import { type ExportBy, recordBriefExport } from './export.ts';
import { traceStory } from './trace-story.ts';

export type BriefFormat = 'md' | 'html';

export interface BriefOptions {
  format: BriefFormat;
  lang: BriefLang;
}

export interface Brief {
  text: string;
  /** `text/markdown` or `text/html`, with charset */
  contentType: string;
  /** a file name for downloads: `<case>-brief-<lang>.<md|html>` */
  fileName: string;
  data: BriefData;
  /** what the brief could not include, and why */
  warnings: string[];
}

/** Members read per story, and stories traced: a brief is a reading aid, not an export. */
export const BRIEF_STORY_ITEMS = 300;
export const BRIEF_STORIES_TRACED = 5;
export const BRIEF_TIMELINE_ROWS = 40;
export const BRIEF_CHAIN_STEPS = 25;
const QUOTES_PER_LABEL = 3;
const CHECKS_FROM_CARDS = 3;

function quotesOf(dets: Detection[], items: Map<string, Item>, max = QUOTES_PER_LABEL): BriefQuote[] {
  const out: BriefQuote[] = [];
  const seen = new Set<string>();
  for (const d of [...dets].sort((a, b) => b.score - a.score)) {
    const item = items.get(d.itemId);
    for (const span of d.evidence) {
      const raw = span.text ?? item?.text.slice(span.start, span.end) ?? '';
      const text = raw.replace(/\s+/g, ' ').trim();
      if (!text || seen.has(text.toLowerCase())) continue;
      seen.add(text.toLowerCase());
      out.push({
        text: text.length > 280 ? `${text.slice(0, 279)}…` : text,
        itemId: d.itemId,
        lang: item?.lang ?? 'und',
      });
      if (out.length >= max) return out;
    }
  }
  return out;
}

function group<T>(list: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of list) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

function isoWeekStart(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * 86_400_000).toISOString().slice(0, 10);
}

/** Counts per day (per week past 120 days), gaps filled so the chart's x axis is real time. */
export function briefSeries(published: string[]): BriefData['series'] {
  const days = published.map((p) => p.slice(0, 10)).sort();
  if (days.length === 0) return { bucket: 'day', points: [] };
  const first = Date.parse(`${days[0]}T00:00:00Z`);
  const last = Date.parse(`${days.at(-1)}T00:00:00Z`);
  const bucket = (last - first) / 86_400_000 > 120 ? 'week' : 'day';
  const keyOf = (d: string) => (bucket === 'week' ? isoWeekStart(d) : d);
  const counts = new Map<string, number>();
  for (const d of days) counts.set(keyOf(d), (counts.get(keyOf(d)) ?? 0) + 1);
  const step = bucket === 'week' ? 7 * 86_400_000 : 86_400_000;
  const points: { start: string; count: number }[] = [];
  for (let t = Date.parse(`${keyOf(days[0]!)}T00:00:00Z`); t <= last; t += step) {
    const k = new Date(t).toISOString().slice(0, 10);
    points.push({ start: k, count: counts.get(k) ?? 0 });
  }
  return { bucket, points };
}

/** The first sentence of the derived table's attribution: whose framework, which licence. */
function disarmAttribution(): string {
  const a = disarmData().attribution;
  const end = a.indexOf('. ');
  return end > 0 ? a.slice(0, end + 1) : a;
}

function cardText(id: string, lang: BriefLang, taxonomy: Taxonomy): BriefLabel['card'] {
  const card = cardFor(id, lang, taxonomy);
  if (!card) return undefined;
  const h = cardDeck(lang).headings;
  return {
    what: card.what,
    why: card.why,
    check: card.check,
    headings: { what: h.what, why: h.why, check: h.check },
  };
}

/** Gathers everything a brief shows; pure rendering happens afterwards. */
export async function briefData(
  app: Ogoh,
  cases: CaseStore,
  caseId: string,
  lang: BriefLang,
  taxonomy: Taxonomy = defaultTaxonomy(),
): Promise<{ data: BriefData; warnings: string[] }> {
  const s = BRIEF_STRINGS[lang];
  const warnings: string[] = [];
  const view = await showCase(app, cases, caseId);

  // Items: the evidence items, detections' items, and the members of evidence stories.
  const ids = new Set<string>();
  const storyIds = new Set<string>();
  for (const e of view.evidence) {
    if (e.missing) {
      warnings.push(`${e.kind} ${e.ref} is no longer in the store; left out`);
      continue;
    }
    if (e.item) ids.add(e.item.id);
    if (e.story) storyIds.add(e.story.id);
  }
  const stories = [];
  for (const sid of storyIds) {
    const st = await app.store.getStory(sid);
    if (!st) continue;
    stories.push(st);
    for (const m of st.members.slice(0, BRIEF_STORY_ITEMS)) ids.add(m.itemId);
    if (st.members.length > BRIEF_STORY_ITEMS)
      warnings.push(
        `story ${sid} has ${st.members.length} items; the brief reads its first ${BRIEF_STORY_ITEMS}`,
      );
  }
  const items = new Map((await app.store.getItems([...ids])).map((i) => [i.id, i]));
  const sources = new Map<string, Source | undefined>();
  for (const i of items.values())
    if (!sources.has(i.sourceId)) sources.set(i.sourceId, await app.store.getSource(i.sourceId));
  const detections = await app.store.detectionsFor([...items.keys()]);

  const dated = [...items.values()]
    .filter((i) => i.published)
    .sort((a, b) => a.published!.localeCompare(b.published!));
  const timelineAll: BriefTimelineEntry[] = [
    ...dated,
    ...[...items.values()].filter((i) => !i.published),
  ].map((i) => {
    const src = sources.get(i.sourceId);
    return {
      itemId: i.id,
      ...(i.published ? { published: i.published } : {}),
      sourceName: src?.name ?? i.sourceId,
      ...(src?.affiliation ? { affiliation: src.affiliation } : {}),
      lang: i.lang,
      text: excerpt(i.title && !i.text.startsWith(i.title) ? `${i.title}. ${i.text}` : i.text, 200).excerpt,
    };
  });

  const families = cardDeck(lang).groups;
  const byKind = group(detections, (d) => d.kind);
  const labelList = (kind: 'narrative' | 'technique'): BriefLabel[] =>
    [...group(byKind.get(kind) ?? [], (d) => d.label)]
      .map(([id, dets]) => {
        const n = kind === 'narrative' ? taxonomy.narratives.find((x) => x.id === id) : undefined;
        const t = kind === 'technique' ? techniqueInfo(id) : undefined;
        const card = cardText(id, lang, taxonomy);
        const label: BriefLabel = {
          id,
          name: n ? (n.labels[lang] ?? n.label) : t ? t.names[lang] : id,
          group: n
            ? (families[n.actorFamily] ?? n.actorFamily)
            : t
              ? (families[t.category] ?? t.category)
              : kind,
          items: new Set(dets.map((d) => d.itemId)).size,
          maxScore: Math.max(...dets.map((d) => d.score)),
          quotes: quotesOf(dets, items),
          ...(n && n.disarm.length > 0 ? { disarm: n.disarm } : {}),
          ...(card ? { card } : {}),
        };
        return label;
      })
      .sort((a, b) => b.items - a.items || b.maxScore - a.maxScore || a.id.localeCompare(b.id));
  const narratives = labelList('narrative');
  const techniques = labelList('technique');

  const convergence: BriefConvergence[] = (byKind.get('convergence') ?? [])
    .sort((a, b) => b.score - a.score)
    .slice(0, 10)
    .map((d) => {
      const ex = d.explain as { mechanism?: unknown; narratives?: { id?: unknown }[] };
      const members = Array.isArray(ex.narratives)
        ? ex.narratives.map((n) => String(n.id ?? '')).filter((x) => x !== '')
        : [];
      // the pair's mechanism in the brief's language; the detection's own (English) text for a
      // pair this taxonomy does not have
      const mechanism =
        convergenceMechanism(d.label, lang, taxonomy) ??
        (typeof ex.mechanism === 'string' ? ex.mechanism : undefined);
      return {
        pair: d.label,
        ...(mechanism !== undefined ? { mechanism } : {}),
        narratives: members,
        itemId: d.itemId,
        score: d.score,
        quotes: quotesOf([d], items, 2),
      };
    });

  const disarm = new Map<string, string[]>();
  for (const n of narratives) for (const t of n.disarm ?? []) disarm.set(t, [...(disarm.get(t) ?? []), n.id]);

  // Provenance: evidence stories first, then the stories of evidence items.
  for (const e of view.evidence) if (e.item?.storyId) storyIds.add(e.item.storyId);
  let provenance: BriefChain[] | 'unavailable' = [];
  for (const sid of [...storyIds].slice(0, BRIEF_STORIES_TRACED)) {
    try {
      const tv = await traceStory(app, sid);
      const nodes = tv.provenance.nodes;
      const origin = tv.provenance.laundering.origin;
      provenance.push({
        storyId: sid,
        size: tv.story?.size ?? nodes.length,
        sources: tv.story?.sources ?? new Set(nodes.map((n) => n.sourceId)).size,
        ...(tv.story?.firstSeen ? { firstSeen: tv.story.firstSeen } : {}),
        steps: nodes.slice(0, BRIEF_CHAIN_STEPS).map((n) => ({
          itemId: n.itemId,
          sourceName: n.sourceName,
          affiliation: n.affiliation,
          lang: n.lang,
          ...(n.published ? { published: n.published } : {}),
          ...(n.relation ? { relation: n.relation } : {}),
          ...(n.lagSeconds !== undefined ? { lagSeconds: n.lagSeconds } : {}),
          ...(n.credits ? { credits: n.credits } : {}),
          attributed: n.attribution !== undefined,
          laundering: n.laundering,
          depth: n.depth,
          title: excerpt(n.title, 160).excerpt,
        })),
        more: Math.max(0, nodes.length - BRIEF_CHAIN_STEPS),
        ...(tv.provenance.laundering.flagged && origin
          ? {
              laundering: {
                origin: origin.sourceName,
                affiliation: origin.affiliation,
                items: tv.provenance.laundering.items.length,
              },
            }
          : {}),
      });
    } catch (e) {
      // PostgreSQL stores have no trace tables yet: the brief says so instead of failing.
      if (isOgohError(e) && e.code === 'USAGE' && e.field === 'db') {
        provenance = 'unavailable';
        warnings.push(`provenance left out: ${e.message}`);
        break;
      }
      if (isOgohError(e) && e.code === 'NOT_FOUND') {
        warnings.push(`story ${sid}: ${e.message}`);
        continue;
      }
      throw e;
    }
  }
  if (storyIds.size > BRIEF_STORIES_TRACED)
    warnings.push(`${storyIds.size} stories in the case; the brief traces the first ${BRIEF_STORIES_TRACED}`);

  const checks = [s.checks.earliest, s.checks.accounts];
  const chains = provenance === 'unavailable' ? [] : provenance;
  const laundered = chains.reduce((n, c) => n + (c.laundering?.items ?? 0), 0);
  if (laundered > 0) checks.push(s.checks.laundering(laundered));
  const langs = [...new Set([...items.values()].map((i) => i.lang).filter((l) => l !== 'und'))];
  if (langs.length > 1 || chains.some((c) => c.steps.some((x) => x.relation === 'translation')))
    checks.push(s.checks.translation);
  if ([...items.values()].some((i) => /\d/.test(i.text))) checks.push(s.checks.numbers);
  if (convergence.length > 0) checks.push(s.checks.convergence);
  if ([...items.values()].some((i) => i.media.length > 0)) checks.push(s.checks.media);
  for (const l of [...narratives, ...techniques].filter((x) => x.card).slice(0, CHECKS_FROM_CARDS))
    checks.push(`${l.name}: ${l.card!.check}`);
  checks.push(s.checks.safety);

  const data: BriefData = {
    lang,
    generatedAt: app.clock.now().toISOString(),
    case: view.case,
    facts: {
      items: items.size,
      sources: new Set([...items.values()].map((i) => i.sourceId)).size,
      langs,
      ...(dated[0]?.published ? { firstSeen: dated[0].published } : {}),
      ...(dated.at(-1)?.published ? { lastSeen: dated.at(-1)!.published! } : {}),
    },
    series: briefSeries(dated.map((i) => i.published!)),
    timeline: timelineAll.slice(0, BRIEF_TIMELINE_ROWS),
    timelineMore: Math.max(0, timelineAll.length - BRIEF_TIMELINE_ROWS),
    provenance,
    narratives,
    techniques,
    convergence,
    disarm: [...disarm]
      .map(([id, via]) => {
        const name = disarmTechnique(id)?.name;
        return { id, ...(name ? { name } : {}), via };
      })
      .sort((a, b) => a.id.localeCompare(b.id)),
    ...(disarm.size > 0 ? { disarmAttribution: `${s.disarmNames} ${disarmAttribution()}` } : {}),
    checks,
    notes: view.notes,
  };
  return { data, warnings };
}

/** A case's brief as Markdown or one self-contained printable HTML file, in tg, ru or en. */
export async function buildBrief(
  app: Ogoh,
  cases: CaseStore,
  caseId: string,
  options: BriefOptions,
): Promise<Brief> {
  const { data, warnings } = await briefData(app, cases, caseId, options.lang);
  const html = options.format === 'html';
  return {
    text: html ? renderBriefHtml(data) : renderBriefMarkdown(data),
    contentType: html ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8',
    fileName: `${caseId}-brief-${options.lang}.${options.format}`,
    data,
    warnings,
  };
}

/**
 * A brief that leaves the system (`ogoh brief`, a download from the dashboard): built as `buildBrief`
 * does, then recorded on the case's trail and in the audit log (format `brief-md`/`brief-html`, its
 * language, the items it covers, the case's TLP) as every export is. The dashboard's preview is
 * reading, not an export, and calls `buildBrief`.
 */
export async function exportBrief(
  app: Ogoh,
  cases: CaseStore,
  caseId: string,
  options: BriefOptions,
  by: ExportBy,
): Promise<Brief> {
  const brief = await buildBrief(app, cases, caseId, options);
  if (brief.data.case.tlp === 'red' && by.red === false)
    throw new OgohError('FORBIDDEN', 'this case is TLP:RED: its brief needs the analyst role', {
      field: 'tlp',
    });
  await recordBriefExport(
    app,
    cases,
    caseId,
    {
      format: `brief-${options.format}`,
      objects: brief.data.facts.items,
      items: brief.data.facts.items,
      tlp: brief.data.case.tlp,
      lang: options.lang,
    },
    by,
  );
  return brief;
}
