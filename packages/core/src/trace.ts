/**
 * What tracing stores beside the items: the anchors each item carries (for cross-language story
 * links), every story link with the reasons it was made, provenance edges per story, and alerts
 * (spikes in a series, laundering). A port of its own, like AuthStore, so the Store port stays as
 * it is; adapters keep these tables in the same database as the items.
 */
import { z } from 'zod';
import type { Item } from './model.ts';
import type { CandidateRow } from './ports.ts';

const isoTime = z.iso.datetime({ offset: true });

/** Why a story link was made: the shared anchors, as the later item wrote them. */
export const LinkReasons = z.object({
  entities: z.array(z.string()),
  numbers: z.array(z.string()),
  dates: z.array(z.string()),
  urls: z.array(z.string()),
  quotes: z.array(z.string()),
  names: z.array(z.string()),
});
export type LinkReasons = z.infer<typeof LinkReasons>;

/** One item's link into a story: to which earlier item, of what kind, how strong, and why. */
export const StoryLink = z.object({
  itemId: z.string(),
  storyId: z.string(),
  /** the item it was matched to */
  toItemId: z.string(),
  kind: z.enum(['exact', 'near', 'rewrite', 'translation']),
  /** 0..1: weighted anchor cosine for rewrites and translations, estimated Jaccard for near copies */
  score: z.number(),
  reasons: LinkReasons,
  createdAt: isoTime,
});
export type StoryLink = z.infer<typeof StoryLink>;

export const PROVENANCE_RELATIONS = [
  'copy',
  'near',
  'rewrite',
  'translation',
  'forward',
  'crosspost',
] as const;
export const ProvenanceRelation = z.enum(PROVENANCE_RELATIONS);
export type ProvenanceRelation = z.infer<typeof ProvenanceRelation>;

/** How a later item credits where it came from. */
export const Attribution = z.enum(['link', 'name', 'forward', 'same-publisher']);
export type Attribution = z.infer<typeof Attribution>;

/** A directed edge of a story's provenance chain: `to` re-published `from`, `lagSeconds` later. */
export const ProvenanceEdge = z.object({
  storyId: z.string(),
  from: z.string(),
  to: z.string(),
  relation: ProvenanceRelation,
  /** seconds between the two publication times; absent when either is undated */
  lagSeconds: z.number().optional(),
  /** how `to` credits an earlier item of the story, if it does */
  attribution: Attribution.optional(),
  /** `to` re-publishes state content without attribution */
  laundering: z.boolean(),
});
export type ProvenanceEdge = z.infer<typeof ProvenanceEdge>;

export const ALERT_KINDS = ['spike', 'laundering'] as const;
export const AlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKind>;

export const SERIES_BY = ['narrative', 'technique', 'source', 'lang', 'story', 'convergence'] as const;
export const SeriesBy = z.enum(SERIES_BY);
export type SeriesBy = z.infer<typeof SeriesBy>;

/** A stored alert: a spike in one series on one day, or a laundered story; with the items behind it. */
export const Alert = z.object({
  id: z.string(),
  kind: AlertKind,
  /** the series dimension (spikes) */
  by: SeriesBy.optional(),
  /** the narrative, technique, source, language or story id; the story id for laundering */
  key: z.string(),
  /** UTC day (YYYY-MM-DD) the alert is about */
  day: z.string(),
  /** observed value (items that day) */
  value: z.number(),
  /** what was expected (the trailing median) */
  baseline: z.number(),
  /** robust z-score for spikes; 1 for laundering */
  score: z.number(),
  itemIds: z.array(z.string()),
  /** how it was computed: method, window, thresholds; laundering: origin and unattributed sources */
  detail: z.record(z.string(), z.unknown()).default({}),
  createdAt: isoTime,
});
export type Alert = z.infer<typeof Alert>;

/** One day's count in one series. */
export interface SeriesRow {
  /** UTC day, YYYY-MM-DD */
  day: string;
  key: string;
  count: number;
}

/** An indexed item as anchor retrieval returns it. */
export interface AnchorRow {
  itemId: string;
  storyId: string | undefined;
  lang: string;
  sourceId: string;
  published: string | undefined;
  /** sorted anchor keys */
  keys: string[];
}

export interface AnchorQuery {
  keys: string[];
  excludeItemId?: string;
  /** only items published in [since, until) (ISO-8601) */
  since?: string;
  until?: string;
  /** keys carried by more items than this are not used to retrieve */
  maxDf?: number;
  /** candidates kept, best first (summed weight of shared rare keys) */
  limit?: number;
  /** postings read per key within the window, latest first (default 64; bounds work on template-heavy corpora) */
  maxScan?: number;
  /** only the probe's rarest keys retrieve (default 6) */
  maxKeys?: number;
}

/** A set of LSH band keys that may answer "maybe" for a key it lacks, never "no" for one it holds. */
export interface BandFilter {
  mayHave(band: string): boolean;
  add(band: string): void;
  /** true once it holds more keys than it was sized for (it then says "maybe" more often): load it again */
  full(): boolean;
}

export interface TraceStore {
  /** Stores (or replaces) the anchor keys of items and their language as linking saw it. */
  putAnchors(rows: { itemId: string; lang: string; keys: string[] }[]): Promise<void>;
  /** Items sharing the probe's rarer keys, ranked by shared weight. */
  anchorCandidates(query: AnchorQuery): Promise<AnchorRow[]>;
  /** Document frequency of keys over indexed items, and how many items are indexed. */
  anchorDf(keys: string[]): Promise<{ total: number; df: Map<string, number> }>;
  anchorsOf(itemIds: string[]): Promise<AnchorRow[]>;
  /**
   * Near-duplicate candidates by LSH bands, bounded for template-heavy corpora: the latest `perBand`
   * items of each band (default 64), ranked by how many bands they share with the probe, best
   * `limit` (default 20). Same rows as Store.candidatesByBands.
   */
  bandCandidates(
    bands: string[],
    options?: { excludeItemId?: string; limit?: number; perBand?: number },
  ): Promise<CandidateRow[]>;

  /**
   * Batched story-clustering reads for one page of items, from one snapshot (optional; adapters
   * without it are served by bandCandidates + Store.candidatesByContentHash per item). Per probe:
   * exact copies (same content hash, the oldest `perHash` + 1 plus the oldest one already in a story),
   * then near-duplicate candidates as bandCandidates ranks them (best `limit` of the latest
   * `perBand` per band), those listed oldest first. A hot band or hash never returns more.
   */
  storyCandidates?(
    probes: { itemId: string; contentHash: string; bands: string[] }[],
    options?: { limit?: number; perBand?: number; perHash?: number },
  ): Promise<{ exact: CandidateRow[]; near: CandidateRow[] }[]>;
  /**
   * The LSH band keys stored so far, as a membership filter (optional): `mayHave` false means no
   * stored item carries the band, so a probe can skip its read (most new items bring bands never
   * seen). No false negatives for bands stored before the call or `add`ed after it; bands another
   * process stores later are not seen, like any cache of the run.
   */
  storedBands?(): Promise<BandFilter>;
  /** anchorCandidates for many probes from one snapshot, in order (optional; same rows per query). */
  anchorCandidatesMany?(queries: AnchorQuery[]): Promise<AnchorRow[][]>;
  /** Member counts of stories (absent ones are left out), without reading their members (optional). */
  storySizes?(storyIds: string[]): Promise<Map<string, number>>;

  /** Records links (replacing an item's earlier link). */
  putStoryLinks(links: StoryLink[]): Promise<void>;
  storyLinks(storyId: string): Promise<StoryLink[]>;

  /** Replaces the provenance edges of the given stories. */
  replaceProvenance(storyIds: string[], edges: ProvenanceEdge[]): Promise<void>;
  provenance(storyId: string): Promise<ProvenanceEdge[]>;
  /** Stories of 2..maxSize items whose stored provenance does not have size − 1 edges (never built, or grown since). */
  staleProvenance(query: { maxSize: number; limit?: number }): Promise<string[]>;
  /** Stored provenance edges between different sources, counted per (from source, to source). */
  provenanceFlows(): Promise<{ from: string; to: string; count: number }[]>;

  /** Stores alerts; an alert whose id exists is replaced (re-running trends is idempotent). */
  putAlerts(alerts: Alert[]): Promise<void>;
  /** Deletes alerts of a kind whose day is in [since, until), before a recomputation. */
  clearAlerts(kind: AlertKind, range?: { since?: string; until?: string }): Promise<void>;
  deleteAlerts(ids: string[]): Promise<void>;
  listAlerts(query?: { kind?: AlertKind; by?: SeriesBy; since?: string; limit?: number }): Promise<Alert[]>;

  /** Items per UTC day by narrative or technique label (from stored detections), source, language or story. */
  series(query: {
    by: Exclude<SeriesBy, 'convergence'>;
    since?: string;
    until?: string;
    /** stories: only those with at least this many members */
    minStorySize?: number;
  }): Promise<SeriesRow[]>;
  /** Item ids behind one series on one day (dated items), newest last, at most `limit`. */
  seriesItems(query: {
    by: Exclude<SeriesBy, 'convergence'>;
    key: string;
    day: string;
    limit?: number;
  }): Promise<string[]>;
  /** Narrative detections per day with their item and source: what the convergence index is computed from. */
  narrativeDays(query: {
    since?: string;
    until?: string;
  }): Promise<{ day: string; itemId: string; sourceId: string; label: string; kind: string }[]>;

  /** Telegram items (forwards and posts) published in [since, until), oldest first, for cascades. */
  telegramItems(query: { since?: string; until?: string; limit?: number }): Promise<Item[]>;

  close(): Promise<void>;
}
