/**
 * Ports: what the application needs from the outside world. Adapters (SQLite, PostgreSQL, the file
 * system, the clock) implement them in outer packages; inner packages only see these interfaces.
 * Every method is async so a networked store fits the same shape.
 */
import type { Account, Detection, Item, RawPayload, Source, Story, StoryMember } from './model.ts';

export interface ItemQuery {
  /**
   * Full-text terms: already normalised and keyboard-folded by the text package (the same key the
   * store indexes as `Item.foldText`), so Tajik typed on a Russian layout and proper Tajik meet.
   * An item matches when it contains every term; a term of 3+ characters also matches as a word
   * prefix (covers Tajik and Russian suffixes).
   */
  terms?: string[];
  lang?: string;
  sourceId?: string;
  storyId?: string;
  /** inclusive lower bound on `published` (ISO-8601) */
  since?: string;
  /** exclusive upper bound on `published` (ISO-8601) */
  until?: string;
  /** items carrying a detection with this label (narrative or technique id) */
  label?: string;
  limit?: number;
  /** opaque cursor from a previous page */
  cursor?: string;
}

export interface ItemPage {
  items: Item[];
  /** cursor for the next page, absent on the last page */
  next?: string;
}

/** What a result list shows of an item: no raw record, folded text, links, media or OCR text. */
export type ItemSummary = Pick<
  Item,
  'id' | 'sourceId' | 'text' | 'lang' | 'langConfidence' | 'title' | 'published' | 'url' | 'storyId'
>;

export interface ItemSummaryPage {
  items: ItemSummary[];
  /** cursor for the next page, absent on the last page */
  next?: string;
}

export interface WriteBatch {
  payloads?: RawPayload[];
  accounts?: Account[];
  items: Item[];
  /**
   * Optional, for stores that keep a dictionary of full-text terms (SQLite): the distinct terms of
   * these items' `foldText` as split by the tokenizer named here, worked out off the writing thread
   * (ingest's build worker). A store whose tokenizer differs ignores it. It must hold every term of
   * the batch's new items; extra terms are harmless.
   */
  indexTerms?: { tokenizer: string; terms: string[] };
}

export interface WriteResult {
  /** items that were not stored before */
  new: number;
  /** items whose id was already stored (left unchanged) */
  duplicate: number;
}

export interface StoreStats {
  items: number;
  sources: number;
  stories: number;
  payloads: number;
  detections: number;
  byLang: Record<string, number>;
  bySource: Record<string, number>;
  firstPublished?: string;
  lastPublished?: string;
}

/** A near-duplicate index row: an item's MinHash signature and its LSH band keys. */
export interface SignatureRow {
  itemId: string;
  signature: Uint32Array;
  bands: string[];
}

export interface CandidateRow {
  itemId: string;
  storyId: string | undefined;
  signature: Uint32Array;
  contentHash: string;
  published: string | undefined;
  sourceId: string;
}

export interface StoryAssignment extends StoryMember {
  storyId: string;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** schema version this store is at */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;

  putSource(source: Source): Promise<void>;
  getSource(id: string): Promise<Source | undefined>;
  listSources(): Promise<Source[]>;

  /** Writes one batch atomically: all of it or none. Items whose id exists are counted as duplicates and left unchanged. */
  writeBatch(batch: WriteBatch): Promise<WriteResult>;
  /** which of these item ids are already stored */
  existingItemIds(ids: string[]): Promise<Set<string>>;
  getItem(id: string): Promise<Item | undefined>;
  getItems(ids: string[]): Promise<Item[]>;
  queryItems(query: ItemQuery): Promise<ItemPage>;
  /**
   * queryItems reading only the summary fields (same plans, order and cursors): a page of 50 full
   * rows costs three times the CPU at 1M items, mostly the raw record and folded text. Optional:
   * callers fall back to queryItems.
   */
  queryItemSummaries?(query: ItemQuery): Promise<ItemSummaryPage>;
  getPayload(id: string): Promise<RawPayload | undefined>;

  /** Items not yet analysed (or all when `all`), oldest collected first, in pages of `batchSize`. */
  itemsToAnalyse(options: { all?: boolean; since?: string; batchSize?: number }): AsyncIterable<Item[]>;
  markAnalysed(itemIds: string[], at: string): Promise<void>;

  /** near-duplicate index */
  putSignatures(rows: SignatureRow[]): Promise<void>;
  candidatesByBands(bands: string[], excludeItemId?: string): Promise<CandidateRow[]>;
  candidatesByContentHash(contentHash: string, excludeItemId?: string): Promise<CandidateRow[]>;

  /** Adds items to stories (creating them) and refreshes each touched story's summary, atomically. */
  assignStories(assignments: StoryAssignment[]): Promise<void>;
  /**
   * One analysis page's story decisions and its "analysed" marker in one transaction (optional):
   * `signatures` as `putSignatures` writes them, the assignments as `assignStories` applies them,
   * then `markAnalysed(analysed, at)`. A run stopped before it leaves none of the page's decisions
   * and none of its signatures, so the resumed run decides the page from the state the first
   * attempt saw (decisions read the stories of the page's own items, and an item must not see the
   * later items of its page as candidates). The promise settles once the transaction committed; an
   * adapter may commit on another connection, so reads made before it settles can see the store
   * without the page, and the caller writes nothing else until then.
   */
  commitAnalysisPage?(page: {
    assignments: StoryAssignment[];
    analysed: string[];
    at: string;
    signatures?: SignatureRow[];
  }): Promise<void>;
  getStory(id: string): Promise<Story | undefined>;
  /**
   * Stories, largest first. `members: false` leaves each story's `members` empty: a list page shows
   * summaries, and reading every member of the largest stories cost 250 ms at 1M items.
   */
  listStories(options?: {
    limit?: number;
    minSize?: number;
    cursor?: string;
    members?: boolean;
  }): Promise<{ stories: Story[]; next?: string }>;

  /**
   * Replaces, for the given items, every detection made by the models being re-run (idempotent
   * re-analysis): `options.models` when given, else the models of the new detections. Pass
   * `models` so a model that now finds nothing still clears its old detections. Atomic.
   */
  replaceDetections(
    itemIds: string[],
    detections: Detection[],
    options?: { models?: string[] },
  ): Promise<void>;
  detectionsFor(itemIds: string[]): Promise<Detection[]>;

  stats(): Promise<StoreStats>;

  /**
   * A counter that grows with every write changing what whole-store views show (new items,
   * analysis, detections, stories, sources), from any process. Views too costly to recompute per
   * request (trends, coordination, counts) are cached keyed by it.
   */
  dataVersion(): Promise<number>;
}
