/**
 * STIX 2.1 bundle of one query or one case, shaped the way OpenCTI models disinformation so that an
 * OpenCTI (or any STIX 2.1) instance can import it:
 *
 * - `identity`: the Ogoh instance that produced the export (created_by_ref of every object);
 * - `report` (a query, or the container of a case) and `incident` (a case);
 * - `channel` (a source) and `narrative` (a taxonomy narrative): OpenCTI's custom SDOs, declared
 *   with OpenCTI's extension definition (`extension_type: new-sdo`);
 * - `media-content` (an item): OpenCTI's custom SCO (`new-sco`), plus the standard `url` SCO and an
 *   `observed-data` that says when Ogoh collected it;
 * - `attack-pattern`: DISARM Red techniques linked to the detected narratives (external id
 *   `DISARM`/T…, TLP:CLEAR and a CC BY-SA statement), and the persuasion techniques detected;
 * - `relationship`: channel publishes media-content, media-content uses narrative / attack-pattern,
 *   narrative related-to attack-pattern, incident uses attack-pattern;
 * - `note`: the detections of each item with their evidence, and a case's notes;
 * - `grouping`: a story (copies, rewrites and translations of one text) among the exported items;
 * - TLP 2.0 `marking-definition`s with their official ids, applied via object_marking_refs.
 *
 * Ids are UUIDv5 of stable keys and timestamps come from the records, never from the clock, so
 * exporting the same records twice gives the same bytes.
 */
import type { Detection, Item, Source } from '@ogoh/core';
import { disarmData, disarmTechnique } from './disarm.ts';
import { describeQuery, type ExportInput, type NarrativeInfo } from './input.ts';
import { tlpMarking, tlpMarkingId } from './tlp.ts';
import { canonicalJson, OGOH_NAMESPACE, STIX_SCO_NAMESPACE, uuidv5 } from './uuid.ts';

/** OpenCTI's extension definition for its own SDOs (channel, narrative, …). */
export const OPENCTI_SDO_EXTENSION = 'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba';
/** OpenCTI's extension definition for its own SCOs (media-content, …). */
export const OPENCTI_SCO_EXTENSION = 'extension-definition--f93e2c80-4231-4f9a-af8b-95c9bd566a82';

/** Creation time of objects that only restate reference data (identity, taxonomy narratives). */
export const REFERENCE_EPOCH = '2026-01-01T00:00:00.000Z';

export type StixObject = Record<string, unknown> & { type: string; id: string };

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** RFC 3339 UTC with milliseconds, as STIX timestamps are written. */
export function stixTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not a time: ${iso}`);
  return d.toISOString();
}

function sdoId(type: string, key: string): string {
  return `${type}--${uuidv5(OGOH_NAMESPACE, `${type}:${key}`)}`;
}

function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidv5(STIX_SCO_NAMESPACE, canonicalJson(contributing))}`;
}

/** earliest / latest of ISO-8601 UTC strings (they sort as text) */
export const minTime = (xs: string[]): string => [...xs].sort()[0]!;
export const maxTime = (xs: string[]): string => [...xs].sort().at(-1)!;

const CHANNEL_TYPES: Record<Source['platform'], string> = {
  telegram: 'Telegram',
  rss: 'Website',
  atom: 'Website',
  web: 'Website',
  sitemap: 'Website',
  file: 'Other',
};

function quote(s: string, n = 200): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function evidenceText(item: Item, d: Detection): string[] {
  return d.evidence
    .map((e) => e.text ?? item.text.slice(e.start, e.end))
    .filter((t) => t.trim().length > 0)
    .slice(0, 3)
    .map((t) => `“${quote(t, 160)}”`);
}

/** Builds the bundle. Throws only on records that break the domain model (bad times). */
export function buildStixBundle(input: ExportInput): StixBundle {
  const objects = new Map<string, StixObject>();
  const add = (o: StixObject) => {
    if (!objects.has(o.id)) objects.set(o.id, o);
  };
  const tlpId = tlpMarkingId(input.tlp);
  const clearId = tlpMarkingId('clear');
  const disarm = disarmData();
  const disarmStatementId = sdoId('marking-definition', 'statement:disarm');
  const marked = [tlpId];

  add(tlpMarking(input.tlp) as unknown as StixObject);
  const identityId = sdoId('identity', input.producer.name);
  add({
    type: 'identity',
    spec_version: '2.1',
    id: identityId,
    created: REFERENCE_EPOCH,
    modified: REFERENCE_EPOCH,
    name: input.producer.name,
    identity_class: 'organization',
    description: 'An Ogoh instance (open-source monitoring of information manipulation in Central Asia).',
    ...(input.producer.contact ? { contact_information: input.producer.contact } : {}),
    object_marking_refs: marked,
  });
  const common = { spec_version: '2.1', created_by_ref: identityId, object_marking_refs: marked };

  // Sources → channels
  const items = [...input.items].sort((a, b) => a.id.localeCompare(b.id));
  const usedSources = new Set(items.map((i) => i.sourceId));
  const channelOf = new Map<string, string>();
  for (const s of [...input.sources].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!usedSources.has(s.id)) continue;
    const id = sdoId('channel', s.id);
    channelOf.set(s.id, id);
    const created = stixTime(s.createdAt);
    add({
      type: 'channel',
      ...common,
      id,
      created,
      modified: created,
      name: s.name,
      ...(s.affiliationNote ? { description: s.affiliationNote } : {}),
      channel_types: [CHANNEL_TYPES[s.platform]],
      aliases: [s.id],
      labels: [`affiliation:${s.affiliation}`, ...s.tags.map((t) => `tag:${t}`)],
      external_references: [
        { source_name: 'ogoh-source', external_id: s.id, ...(s.url ? { url: s.url } : {}) },
      ],
      extensions: { [OPENCTI_SDO_EXTENSION]: { extension_type: 'new-sdo' } },
    });
  }

  // Items → media-content (+ url, observed-data), published by their channel
  const mediaOf = new Map<string, string>();
  const itemTimes: string[] = [];
  for (const item of items) {
    const url = item.canonicalUrl ?? item.url;
    // OpenCTI identifies media-content by its url: an item without one is named by an Ogoh URN, so
    // that URL-less items (CSV rows, files) stay distinct objects instead of merging into one.
    const mediaUrl = url ?? `urn:ogoh:item:${item.id}`;
    const mediaId = scoId('media-content', { url: mediaUrl });
    mediaOf.set(item.id, mediaId);
    const collected = stixTime(item.collectedAt);
    itemTimes.push(collected);
    add({
      type: 'media-content',
      spec_version: '2.1',
      id: mediaId,
      ...(item.title ? { title: item.title } : {}),
      content: item.text,
      url: mediaUrl,
      ...(item.published ? { publication_date: stixTime(item.published) } : {}),
      media_category: item.telegram ? 'telegram-post' : item.format === 'html' ? 'web-page' : 'article',
      x_ogoh_item_id: item.id,
      x_ogoh_lang: item.lang,
      object_marking_refs: marked,
      extensions: { [OPENCTI_SCO_EXTENSION]: { extension_type: 'new-sco' } },
    });
    const refs = [mediaId];
    if (url) {
      const urlId = scoId('url', { value: url });
      refs.push(urlId);
      add({ type: 'url', spec_version: '2.1', id: urlId, value: url, object_marking_refs: marked });
    }
    add({
      type: 'observed-data',
      ...common,
      id: sdoId('observed-data', item.id),
      created: collected,
      modified: collected,
      first_observed: collected,
      last_observed: collected,
      number_observed: 1,
      object_refs: refs,
    });
    const channel = channelOf.get(item.sourceId);
    if (channel)
      add(relationship(common, 'publishes', channel, mediaId, collected, collected, undefined, undefined));
  }

  // Narratives and the DISARM techniques the taxonomy links them to
  const narrativeById = new Map(input.narratives.map((n) => [n.id, n]));
  const narrativeObj = new Map<string, string>();
  const disarmObj = new Map<string, string>();
  const disarmModified = stixTime(disarm.source.disarmModified || REFERENCE_EPOCH);
  const addDisarm = (tid: string): string | undefined => {
    const known = disarmObj.get(tid);
    if (known) return known;
    const t = disarmTechnique(tid);
    if (!t) return undefined;
    if (!objects.has(clearId)) add(tlpMarking('clear') as unknown as StixObject);
    if (!objects.has(disarmStatementId))
      add({
        type: 'marking-definition',
        spec_version: '2.1',
        id: disarmStatementId,
        created: REFERENCE_EPOCH,
        name: 'DISARM Framework, CC BY-SA 4.0',
        definition_type: 'statement',
        definition: { statement: disarm.attribution },
      });
    const id = sdoId('attack-pattern', `disarm:${t.id}`);
    disarmObj.set(tid, id);
    add({
      type: 'attack-pattern',
      spec_version: '2.1',
      id,
      created_by_ref: identityId,
      created: disarmModified,
      modified: disarmModified,
      name: t.name,
      ...(t.tactics.length
        ? { kill_chain_phases: t.tactics.map((p) => ({ kill_chain_name: 'disarm', phase_name: p })) }
        : {}),
      external_references: [{ source_name: 'DISARM', external_id: t.id, url: t.url }],
      x_mitre_id: t.id,
      object_marking_refs: [clearId, disarmStatementId],
    });
    return id;
  };
  const addNarrative = (n: NarrativeInfo): string => {
    const known = narrativeObj.get(n.id);
    if (known) return known;
    const id = sdoId('narrative', n.id);
    narrativeObj.set(n.id, id);
    add({
      type: 'narrative',
      ...common,
      id,
      created: REFERENCE_EPOCH,
      modified: REFERENCE_EPOCH,
      name: n.label,
      ...(n.description ? { description: n.description } : {}),
      aliases: [n.id],
      ...(n.actorFamily ? { labels: [`actor-family:${n.actorFamily}`] } : {}),
      external_references: [{ source_name: 'ogoh-taxonomy', external_id: n.id }],
      extensions: { [OPENCTI_SDO_EXTENSION]: { extension_type: 'new-sdo' } },
    });
    for (const tid of n.disarm) {
      const ap = addDisarm(tid);
      if (ap)
        add(
          relationship(
            common,
            'related-to',
            id,
            ap,
            REFERENCE_EPOCH,
            REFERENCE_EPOCH,
            'The Ogoh narrative taxonomy links this narrative to this DISARM technique.',
            undefined,
          ),
        );
    }
    return id;
  };

  const techniqueById = new Map(input.techniques.map((t) => [t.id, t]));
  const techniqueObj = new Map<string, string>();
  const addTechnique = (label: string): string => {
    const known = techniqueObj.get(label);
    if (known) return known;
    const t = techniqueById.get(label);
    const id = sdoId('attack-pattern', `persuasion:${label}`);
    techniqueObj.set(label, id);
    add({
      type: 'attack-pattern',
      ...common,
      id,
      created: REFERENCE_EPOCH,
      modified: REFERENCE_EPOCH,
      name: t?.name ?? label.replace(/[_-]+/g, ' '),
      ...(t?.definition ? { description: t.definition } : {}),
      external_references: [
        {
          source_name: 'SemEval-2023 Task 3 persuasion techniques',
          external_id: label,
          description: 'persuasion technique label (subtask 3)',
        },
      ],
    });
    return id;
  };

  // Detections → relationships and one note per item
  const itemById = new Map(items.map((i) => [i.id, i]));
  const detectionsByItem = new Map<string, Detection[]>();
  for (const d of input.detections) {
    if (!itemById.has(d.itemId)) continue;
    const list = detectionsByItem.get(d.itemId) ?? [];
    list.push(d);
    detectionsByItem.set(d.itemId, list);
  }
  const detectionTimes: string[] = [];
  const caseNarratives = new Set<string>();
  for (const [itemId, list] of [...detectionsByItem].sort(([a], [b]) => a.localeCompare(b))) {
    const item = itemById.get(itemId)!;
    const media = mediaOf.get(itemId)!;
    list.sort((a, b) => a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label) || b.score - a.score);
    const noteRefs = new Set<string>([media]);
    const lines: string[] = [];
    const times = list.map((d) => stixTime(d.createdAt));
    detectionTimes.push(...times);
    // best detection per (kind, label): several models may flag the same label
    const best = new Map<string, Detection>();
    for (const d of list) {
      const k = `${d.kind}:${d.label}`;
      const b = best.get(k);
      if (!b || d.score > b.score) best.set(k, d);
    }
    for (const d of best.values()) {
      const ev = evidenceText(item, d);
      const at = stixTime(d.createdAt);
      let target: string | undefined;
      if (d.kind === 'narrative') {
        const n = narrativeById.get(d.label) ?? { id: d.label, label: d.label, disarm: [] };
        target = addNarrative(n);
        caseNarratives.add(n.id);
      } else if (d.kind === 'technique') target = addTechnique(d.label);
      if (target) {
        noteRefs.add(target);
        add(
          relationship(
            common,
            'uses',
            media,
            target,
            at,
            at,
            `Flagged by ${d.model}${ev.length ? `; evidence: ${ev.join(' ')}` : ''}`,
            Math.round(Math.max(0, Math.min(1, d.score)) * 100),
          ),
        );
      }
      lines.push(
        `- ${d.kind} **${d.label}** (score ${d.score.toFixed(2)}, ${d.model})${ev.length ? `: ${ev.join(' ')}` : ''}`,
      );
    }
    add({
      type: 'note',
      ...common,
      id: sdoId('note', `item:${itemId}`),
      created: minTime(times),
      modified: maxTime(times),
      abstract: `Ogoh findings: ${quote(item.title ?? item.text, 80)}`,
      content: ['Automatic findings for analyst review (not a verdict).', '', ...lines].join('\n'),
      authors: [input.producer.name],
      object_refs: [...noteRefs],
    });
  }

  // Stories among the exported items → groupings
  for (const story of [...input.stories].sort((a, b) => a.id.localeCompare(b.id))) {
    const members = story.members.map((m) => mediaOf.get(m.itemId)).filter((x): x is string => !!x);
    if (members.length < 2) continue;
    const memberTimes = story.members
      .map((m) => itemById.get(m.itemId)?.collectedAt)
      .filter((x): x is string => !!x)
      .map(stixTime);
    const created = minTime(memberTimes);
    add({
      type: 'grouping',
      ...common,
      id: sdoId('grouping', `story:${story.id}`),
      created,
      modified: maxTime(memberTimes),
      name: story.title ? `Story: ${quote(story.title, 120)}` : `Story ${story.id}`,
      description: `${story.size} items (copies, rewrites and translations of one text) from ${story.sources} sources in ${story.langs.join(', ') || 'unknown languages'}; ${members.length} of them in this export.`,
      context: 'suspicious-activity',
      object_refs: [...new Set(members)].sort(),
    });
  }

  // The container: an incident for a case, a report in every export
  const contentTimes = [...itemTimes, ...detectionTimes];
  const c = input.case;
  let containerCreated: string;
  let containerModified: string;
  const extraRefs: string[] = [];
  if (c) {
    containerCreated = stixTime(c.created);
    containerModified = maxTime([stixTime(c.modified ?? c.created), containerCreated]);
    const incidentId = sdoId('incident', `case:${c.id}`);
    extraRefs.push(incidentId);
    add({
      type: 'incident',
      ...common,
      id: incidentId,
      created: containerCreated,
      modified: containerModified,
      name: c.title,
      ...(c.summary ? { description: c.summary } : {}),
      labels: [`status:${c.status}`],
      external_references: [{ source_name: 'ogoh-case', external_id: c.id }],
    });
    for (const n of [...caseNarratives].sort()) {
      for (const tid of narrativeById.get(n)?.disarm ?? []) {
        const ap = addDisarm(tid);
        if (ap)
          add(
            relationship(
              common,
              'uses',
              incidentId,
              ap,
              containerCreated,
              containerModified,
              `Through narrative ${n} (taxonomy link).`,
              undefined,
            ),
          );
      }
      const nid = narrativeObj.get(n);
      if (nid)
        add(
          relationship(
            common,
            'related-to',
            incidentId,
            nid,
            containerCreated,
            containerModified,
            undefined,
            undefined,
          ),
        );
    }
    c.notes.forEach((note, i) => {
      const created = stixTime(note.created);
      add({
        type: 'note',
        ...common,
        id: sdoId('note', `case:${c.id}:${note.id ?? `${i}:${created}`}`),
        created,
        modified: created,
        content: note.text,
        ...(note.author ? { authors: [note.author] } : {}),
        object_refs: [incidentId],
      });
    });
  } else {
    containerCreated = contentTimes.length ? minTime(contentTimes) : REFERENCE_EPOCH;
    containerModified = contentTimes.length ? maxTime(contentTimes) : REFERENCE_EPOCH;
  }
  const contentRefs = [...objects.values()]
    .filter((o) => o.type !== 'marking-definition' && o.id !== identityId)
    .map((o) => o.id);
  const reportKey = c ? `case:${c.id}` : `query:${canonicalJson(input.query ?? {})}`;
  const reportId = sdoId('report', reportKey);
  add({
    type: 'report',
    ...common,
    id: reportId,
    created: containerCreated,
    modified: containerModified,
    name: c ? `Ogoh case: ${c.title}` : `Ogoh export: ${describeQuery(input.query)}`,
    description: c
      ? `Case ${c.id} (${c.status}) with ${items.length} items.`
      : `${items.length} items selected by ${describeQuery(input.query)}, with Ogoh's detections (automatic findings for analyst review).`,
    report_types: [c ? 'incident' : 'threat-report'],
    published: containerModified,
    object_refs: contentRefs.length
      ? [...extraRefs, ...contentRefs.filter((r) => !extraRefs.includes(r))]
      : [identityId],
  });

  const order = [
    'marking-definition',
    'identity',
    'report',
    'incident',
    'narrative',
    'attack-pattern',
    'channel',
    'media-content',
    'url',
    'observed-data',
    'grouping',
    'note',
    'relationship',
  ];
  const rank = (t: string) => {
    const i = order.indexOf(t);
    return i < 0 ? order.length : i;
  };
  const sorted = [...objects.values()].sort(
    (a, b) => rank(a.type) - rank(b.type) || a.id.localeCompare(b.id),
  );
  return {
    type: 'bundle',
    id: `bundle--${uuidv5(OGOH_NAMESPACE, `bundle:${reportId}:${containerModified}:${sorted.length}`)}`,
    objects: sorted,
  };
}

function relationship(
  common: Record<string, unknown>,
  type: string,
  source: string,
  target: string,
  created: string,
  modified: string,
  description: string | undefined,
  confidence: number | undefined,
): StixObject {
  return {
    type: 'relationship',
    ...common,
    id: sdoId('relationship', `${type}:${source}:${target}`),
    created,
    modified: modified < created ? created : modified,
    relationship_type: type,
    source_ref: source,
    target_ref: target,
    ...(description ? { description } : {}),
    ...(confidence !== undefined ? { confidence } : {}),
  };
}
