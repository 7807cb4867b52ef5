/**
 * Cases (incidents): `ogoh cases …`, the /api/cases routes and the dashboard's case pages all call
 * these. Evidence is checked against the store before it is recorded (an unknown item id is a
 * NOT_FOUND naming the flag, not a dangling reference), and shown resolved: the item's excerpt and
 * source, its detections with their evidence spans, a story's size and first sighting.
 */
import { randomBytes } from 'node:crypto';
import {
  type Case,
  type CaseEvent,
  type CaseEvidence,
  type CaseNote,
  type CasePage,
  type CasePatch,
  type CaseStatus,
  type CaseStore,
  type Detection,
  type EvidenceKind,
  type Item,
  type NewEvidence,
  OgohError,
  type Source,
  type Span,
  type Tlp,
} from '@ogoh/core';
import { openCaseStore } from '@ogoh/store';
import type { Ogoh } from '../context.ts';

/** Characters of an item's text shown with its evidence. */
export const EXCERPT_CHARS = 400;

/** Opens the case tables of the app's store (a connection of its own); close it when done. */
export async function openCases(app: Ogoh): Promise<CaseStore> {
  if (app.location === ':memory:')
    throw new OgohError('USAGE', 'cases need a store file or a PostgreSQL URL, not :memory:', {
      field: 'db',
      hint: 'e.g. --db data/ogoh.db',
    });
  return openCaseStore(app.location);
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** Random, short and typeable: case ids are read out and typed by analysts. */
function randomId(prefix: string, chars = 10): string {
  const bytes = randomBytes(chars);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return `${prefix}_${out}`;
}

export interface EvidenceRefs {
  items?: readonly string[];
  stories?: readonly string[];
  detections?: readonly string[];
  /** recorded with every piece of evidence added in this call */
  note?: string;
}

export interface CreateCaseInput extends EvidenceRefs {
  title: string;
  summary?: string;
  /** @default 'amber' (TLP:AMBER: limited disclosure, the safe default for unpublished work) */
  tlp?: Tlp;
  assignee?: string;
}

/** Checks every reference against the store; NOT_FOUND names the first unknown one and its flag. */
async function resolveRefs(app: Ogoh, cases: CaseStore, refs: EvidenceRefs): Promise<NewEvidence[]> {
  const out: NewEvidence[] = [];
  const note = refs.note?.trim() ? { note: refs.note.trim() } : {};
  const items = [...new Set(refs.items ?? [])];
  if (items.length > 0) {
    const found = await app.store.existingItemIds(items);
    const missing = items.find((id) => !found.has(id));
    if (missing !== undefined)
      throw new OgohError('NOT_FOUND', `no item "${missing}"`, {
        field: 'item',
        hint: 'item ids look like it_…; find them with `ogoh items`',
      });
    for (const ref of items) out.push({ kind: 'item', ref, ...note });
  }
  for (const ref of new Set(refs.stories ?? [])) {
    if (!(await app.store.getStory(ref)))
      throw new OgohError('NOT_FOUND', `no story "${ref}"`, {
        field: 'story',
        hint: 'story ids look like st_…; find them with `ogoh stories`',
      });
    out.push({ kind: 'story', ref, ...note });
  }
  for (const ref of new Set(refs.detections ?? [])) {
    const itemId = await cases.detectionItem(ref);
    if (itemId === undefined)
      throw new OgohError('NOT_FOUND', `no detection "${ref}"`, {
        field: 'detection',
        hint: 'detection ids are listed by `ogoh cases show` and the item page; run `ogoh analyze` first',
      });
    out.push({ kind: 'detection', ref, itemId, ...note });
  }
  return out;
}

/** Creates a case from items, stories and detections (all checked first; nothing stored on error). */
export async function createCase(
  app: Ogoh,
  cases: CaseStore,
  input: CreateCaseInput,
  actor: string,
): Promise<Case> {
  const evidence = await resolveRefs(app, cases, input);
  return cases.createCase({
    id: randomId('ca'),
    title: input.title,
    ...(input.summary ? { summary: input.summary } : {}),
    tlp: input.tlp ?? 'amber',
    ...(input.assignee ? { assignee: input.assignee } : {}),
    createdBy: actor,
    at: app.clock.now().toISOString(),
    evidence,
  });
}

async function mustGet(cases: CaseStore, id: string): Promise<Case> {
  const c = await cases.getCase(id);
  if (!c)
    throw new OgohError('NOT_FOUND', `no case "${id}"`, {
      field: 'id',
      hint: 'list cases with `ogoh cases list`',
    });
  return c;
}

/** Adds evidence; returns how many references were new to the case. */
export async function addEvidence(
  app: Ogoh,
  cases: CaseStore,
  caseId: string,
  refs: EvidenceRefs,
  actor: string,
): Promise<{ added: number; already: number }> {
  await mustGet(cases, caseId);
  const evidence = await resolveRefs(app, cases, refs);
  if (evidence.length === 0)
    throw new OgohError('USAGE', 'no evidence given', {
      field: 'item',
      hint: 'give --item, --story or --detection (each may repeat)',
    });
  const at = app.clock.now().toISOString();
  let added = 0;
  for (const e of evidence) if (await cases.addEvidence(caseId, e, actor, at)) added++;
  return { added, already: evidence.length - added };
}

export async function removeEvidence(
  app: Ogoh,
  cases: CaseStore,
  caseId: string,
  kind: EvidenceKind,
  ref: string,
  actor: string,
): Promise<boolean> {
  await mustGet(cases, caseId);
  return cases.removeEvidence(caseId, kind, ref, actor, app.clock.now().toISOString());
}

export async function addCaseNote(
  app: Ogoh,
  cases: CaseStore,
  caseId: string,
  text: string,
  actor: string,
): Promise<CaseNote> {
  return cases.addNote(caseId, { id: randomId('no', 12), text }, actor, app.clock.now().toISOString());
}

/** Status, assignee, TLP, title or summary: one audit event per changed field. */
export async function updateCase(
  app: Ogoh,
  cases: CaseStore,
  caseId: string,
  patch: CasePatch,
  actor: string,
): Promise<Case> {
  return cases.updateCase(caseId, patch, actor, app.clock.now().toISOString());
}

export async function listCases(
  cases: CaseStore,
  query: { status?: CaseStatus; assignee?: string; limit?: number; cursor?: string } = {},
): Promise<CasePage> {
  return cases.listCases(query);
}

export async function caseLog(cases: CaseStore, caseId: string): Promise<CaseEvent[]> {
  await mustGet(cases, caseId);
  return cases.listEvents(caseId);
}

/** A detection as a case shows it: what was found, how sure, and the quoted evidence. */
export interface DetectionView {
  id: string;
  itemId: string;
  kind: Detection['kind'];
  label: string;
  score: number;
  model: string;
  /** evidence spans with their text (taken from the item when the span carries none) */
  evidence: Span[];
  explain: Record<string, unknown>;
}

export interface ItemSummary {
  id: string;
  sourceId: string;
  sourceName: string;
  affiliation?: Source['affiliation'];
  lang: string;
  published?: string;
  url?: string;
  title?: string;
  excerpt: string;
  /** the excerpt was cut */
  truncated: boolean;
  storyId?: string;
  detections: DetectionView[];
}

export interface StorySummary {
  id: string;
  size: number;
  sources: number;
  langs: string[];
  title?: string;
  firstSeen?: string;
  lastSeen?: string;
  firstItemId: string;
}

export interface ResolvedEvidence extends CaseEvidence {
  item?: ItemSummary;
  story?: StorySummary;
  detection?: DetectionView;
  /** the reference no longer resolves (the item was removed, a re-analysis replaced the detection) */
  missing?: true;
}

export interface CaseView {
  case: Case;
  evidence: ResolvedEvidence[];
  notes: CaseNote[];
  events: CaseEvent[];
}

export function detectionView(d: Detection, item: Item | undefined): DetectionView {
  return {
    id: d.id,
    itemId: d.itemId,
    kind: d.kind,
    label: d.label,
    score: d.score,
    model: d.model,
    evidence: d.evidence.map((s) =>
      s.text !== undefined || !item ? s : { ...s, text: item.text.slice(s.start, s.end) },
    ),
    explain: d.explain,
  };
}

export function excerpt(text: string, max = EXCERPT_CHARS): { excerpt: string; truncated: boolean } {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return { excerpt: t, truncated: false };
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return { excerpt: `${(space > max * 0.7 ? cut.slice(0, space) : cut).trimEnd()}…`, truncated: true };
}

/** A case with its evidence resolved against the store, its notes and its audit trail. */
export async function showCase(app: Ogoh, cases: CaseStore, caseId: string): Promise<CaseView> {
  const c = await mustGet(cases, caseId);
  const [evidence, notes, events] = await Promise.all([
    cases.listEvidence(caseId),
    cases.listNotes(caseId),
    cases.listEvents(caseId),
  ]);
  const itemIds = [
    ...new Set(
      evidence.flatMap((e) =>
        e.kind === 'item' ? [e.ref] : e.kind === 'detection' && e.itemId ? [e.itemId] : [],
      ),
    ),
  ];
  const items = new Map((await app.store.getItems(itemIds)).map((i) => [i.id, i]));
  const detections = await app.store.detectionsFor([...items.keys()]);
  const detsByItem = new Map<string, Detection[]>();
  for (const d of detections) detsByItem.set(d.itemId, [...(detsByItem.get(d.itemId) ?? []), d]);
  const sources = new Map<string, Source | undefined>();
  for (const i of items.values())
    if (!sources.has(i.sourceId)) sources.set(i.sourceId, await app.store.getSource(i.sourceId));

  const summary = (item: Item): ItemSummary => {
    const src = sources.get(item.sourceId);
    const { excerpt: text, truncated } = excerpt(item.text);
    return {
      id: item.id,
      sourceId: item.sourceId,
      sourceName: src?.name ?? item.sourceId,
      ...(src?.affiliation ? { affiliation: src.affiliation } : {}),
      lang: item.lang,
      ...(item.published ? { published: item.published } : {}),
      ...(item.url ? { url: item.url } : {}),
      ...(item.title ? { title: item.title } : {}),
      excerpt: text,
      truncated,
      ...(item.storyId ? { storyId: item.storyId } : {}),
      detections: (detsByItem.get(item.id) ?? [])
        .sort((a, b) => b.score - a.score)
        .map((d) => detectionView(d, item)),
    };
  };

  const resolved: ResolvedEvidence[] = [];
  for (const e of evidence) {
    if (e.kind === 'item') {
      const item = items.get(e.ref);
      resolved.push(item ? { ...e, item: summary(item) } : { ...e, missing: true });
    } else if (e.kind === 'story') {
      const s = await app.store.getStory(e.ref);
      resolved.push(
        s
          ? {
              ...e,
              story: {
                id: s.id,
                size: s.size,
                sources: s.sources,
                langs: s.langs,
                ...(s.title ? { title: s.title } : {}),
                ...(s.firstSeen ? { firstSeen: s.firstSeen } : {}),
                ...(s.lastSeen ? { lastSeen: s.lastSeen } : {}),
                firstItemId: s.firstItemId,
              },
            }
          : { ...e, missing: true },
      );
    } else {
      const item = e.itemId ? items.get(e.itemId) : undefined;
      const d = item ? detsByItem.get(item.id)?.find((x) => x.id === e.ref) : undefined;
      resolved.push(
        d && item
          ? { ...e, detection: detectionView(d, item), item: summary(item) }
          : { ...e, missing: true },
      );
    }
  }
  return { case: c, evidence: resolved, notes, events };
}

/** Cases that hold an item (directly or through one of its detections or its story). */
export async function casesForItem(app: Ogoh, cases: CaseStore, itemId: string): Promise<Case[]> {
  const item = await app.store.getItem(itemId);
  const found = new Map<string, Case>();
  for (const c of await cases.casesWith('item', itemId)) found.set(c.id, c);
  if (item?.storyId) for (const c of await cases.casesWith('story', item.storyId)) found.set(c.id, c);
  if (item)
    for (const d of await app.store.detectionsFor([itemId]))
      for (const c of await cases.casesWith('detection', d.id)) found.set(c.id, c);
  return [...found.values()];
}
