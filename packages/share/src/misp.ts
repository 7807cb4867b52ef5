/**
 * MISP event JSON (the shape MISP's "Add event from JSON" and PyMISP read) of one query or case:
 * one attribute per item (its link, else its text), the TLP tag, and MISP galaxy tags
 * (`misp-galaxy:disarm-techniques="…"`, with MISP's own cluster value) for the DISARM techniques
 * the taxonomy links to the narratives detected. Ids and timestamps come from the records, so a
 * re-export updates the same event.
 */
import { disarmGalaxyTag } from './disarm.ts';
import { describeQuery, type ExportInput, type Tlp } from './input.ts';
import { maxTime, minTime, stixTime } from './stix.ts';
import { canonicalJson, OGOH_NAMESPACE, uuidv5 } from './uuid.ts';

export interface MispTag {
  name: string;
}

export interface MispAttribute {
  uuid: string;
  type: string;
  category: string;
  value: string;
  comment: string;
  to_ids: false;
  distribution: '5';
  timestamp: string;
  first_seen?: string;
  Tag: MispTag[];
}

export interface MispEvent {
  Event: {
    uuid: string;
    info: string;
    date: string;
    threat_level_id: '4';
    analysis: '0' | '1' | '2';
    distribution: '0' | '1' | '3';
    published: false;
    timestamp: string;
    Orgc: { name: string; uuid: string };
    Tag: MispTag[];
    Attribute: MispAttribute[];
  };
}

/** MISP distribution for a TLP level: red and amber stay in the organisation, green in the community. */
const DISTRIBUTION: Record<Tlp, '0' | '1' | '3'> = {
  red: '0',
  'amber+strict': '0',
  amber: '0',
  green: '1',
  clear: '3',
};

const unix = (iso: string) => String(Math.floor(Date.parse(iso) / 1000));

export function buildMispEvent(input: ExportInput): MispEvent {
  const sources = new Map(input.sources.map((s) => [s.id, s]));
  const narratives = new Map(input.narratives.map((n) => [n.id, n]));
  const byItem = new Map<string, { narratives: Set<string>; techniques: Set<string> }>();
  const itemIds = new Set(input.items.map((i) => i.id));
  const times: string[] = [];
  const galaxy = new Set<string>();
  for (const d of input.detections) {
    if (!itemIds.has(d.itemId)) continue;
    times.push(stixTime(d.createdAt));
    const e = byItem.get(d.itemId) ?? { narratives: new Set(), techniques: new Set() };
    byItem.set(d.itemId, e);
    if (d.kind === 'narrative') {
      e.narratives.add(d.label);
      for (const t of narratives.get(d.label)?.disarm ?? []) {
        const tag = disarmGalaxyTag(t);
        if (tag) galaxy.add(tag);
      }
    } else if (d.kind === 'technique') e.techniques.add(d.label);
  }
  const key = input.case ? `case:${input.case.id}` : `query:${canonicalJson(input.query ?? {})}`;
  const attributes: MispAttribute[] = [...input.items]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((item) => {
      const collected = stixTime(item.collectedAt);
      times.push(collected);
      const url = item.canonicalUrl ?? item.url;
      const found = byItem.get(item.id);
      const source = sources.get(item.sourceId);
      return {
        uuid: uuidv5(OGOH_NAMESPACE, `misp-attribute:${key}:${item.id}`),
        type: url ? 'link' : 'text',
        category: url ? 'External analysis' : 'Other',
        value: url ?? item.text,
        comment: [source?.name ?? item.sourceId, item.published?.slice(0, 10), item.title]
          .filter(Boolean)
          .join(' · '),
        to_ids: false,
        distribution: '5',
        timestamp: unix(collected),
        ...(item.published ? { first_seen: stixTime(item.published) } : {}),
        Tag: [
          ...[...(found?.narratives ?? [])].sort().map((n) => ({ name: `ogoh:narrative="${n}"` })),
          ...[...(found?.techniques ?? [])].sort().map((t) => ({ name: `ogoh:technique="${t}"` })),
          ...(source ? [{ name: `ogoh:affiliation="${source.affiliation}"` }] : []),
        ],
      };
    });
  const c = input.case;
  if (c)
    c.notes.forEach((n, i) => {
      const created = stixTime(n.created);
      times.push(created);
      attributes.push({
        uuid: uuidv5(OGOH_NAMESPACE, `misp-attribute:${key}:note:${n.id ?? i}`),
        type: 'comment',
        category: 'Other',
        value: n.text,
        comment: n.author ? `note by ${n.author}` : 'case note',
        to_ids: false,
        distribution: '5',
        timestamp: unix(created),
        Tag: [],
      });
    });
  const first = c ? stixTime(c.created) : times.length ? minTime(times) : '1970-01-01T00:00:00.000Z';
  const last = maxTime([...times, first]);
  return {
    Event: {
      uuid: uuidv5(OGOH_NAMESPACE, `misp-event:${key}`),
      info: c ? `Ogoh case: ${c.title}` : `Ogoh export: ${describeQuery(input.query)}`,
      date: first.slice(0, 10),
      threat_level_id: '4',
      analysis: c?.status === 'published' || c?.status === 'closed' ? '2' : c ? '1' : '0',
      distribution: DISTRIBUTION[input.tlp],
      published: false,
      timestamp: unix(last),
      Orgc: { name: input.producer.name, uuid: uuidv5(OGOH_NAMESPACE, `identity:${input.producer.name}`) },
      Tag: [{ name: `tlp:${input.tlp}` }, ...[...galaxy].sort().map((name) => ({ name }))],
      Attribute: attributes,
    },
  };
}
