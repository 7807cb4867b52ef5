/**
 * The neutral, in-memory input every exporter reads: the records of one query or one case, already
 * gathered from the store by the application. Exporters are pure functions of it, so the same input
 * always gives the same bytes.
 */
import {
  type ClaimRecord,
  type Detection,
  type Item,
  type Source,
  type Story,
  TLP_LEVELS,
  type Tlp,
} from '@ogoh/core';

export type { Tlp };

/** True when `a` restricts sharing at least as much as `b` (red is the most restrictive). */
export function tlpAtLeast(a: Tlp, b: Tlp): boolean {
  return TLP_LEVELS.indexOf(a) >= TLP_LEVELS.indexOf(b);
}

/** Who produced the export: becomes the STIX identity and the MISP organisation. */
export interface Producer {
  name: string;
  /** a contact address or URL for questions about the export */
  contact?: string;
}

/** A narrative of the taxonomy, as much as exports need. */
export interface NarrativeInfo {
  id: string;
  label: string;
  description?: string;
  actorFamily?: string;
  /** DISARM Red technique ids the taxonomy links the narrative to */
  disarm: string[];
}

/** A persuasion technique (SemEval-2023 Task 3 label) detected in items. */
export interface TechniqueInfo {
  id: string;
  name: string;
  definition?: string;
}

export interface CaseNote {
  id?: string;
  author?: string;
  text: string;
  /** ISO-8601 */
  created: string;
}

/** What an export needs to know about a case (an incident an analyst put together). */
export interface CaseMeta {
  id: string;
  title: string;
  summary?: string;
  /** open, in_review, published, closed */
  status: string;
  tlp: Tlp;
  /** ISO-8601 */
  created: string;
  /** ISO-8601; the creation time when absent */
  modified?: string;
  notes: CaseNote[];
}

/** A fact-checked claim and the exported items that repeat it. */
export interface ClaimAppearance {
  claim: ClaimRecord;
  items: { itemId: string; score: number }[];
}

export interface ExportInput {
  producer: Producer;
  /** the marking every exported object carries (DISARM reference data is always TLP:CLEAR) */
  tlp: Tlp;
  /** the filters that selected the items, for the report's name and id */
  query?: Record<string, string>;
  case?: CaseMeta;
  items: Item[];
  /** the sources of the items (others are ignored) */
  sources: Source[];
  /** detections of the items (others are ignored) */
  detections: Detection[];
  stories: Story[];
  narratives: NarrativeInfo[];
  techniques: TechniqueInfo[];
  claims?: ClaimAppearance[];
}

/** A short human description of the query, e.g. `q="Рогун", lang=tg, since 2026-01-01`. */
export function describeQuery(query: Record<string, string> | undefined): string {
  const entries = Object.entries(query ?? {}).filter(([, v]) => v !== '');
  if (entries.length === 0) return 'all items';
  return entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${/[\s,"]/.test(v) ? JSON.stringify(v) : v}`)
    .join(', ');
}
