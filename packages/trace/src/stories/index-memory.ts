/**
 * An in-memory anchor index: postings per anchor key and document frequencies, for candidate
 * retrieval without a store (benchmarks, evaluation, `check`). The SQLite store keeps the same
 * postings in a table (TraceStore); both retrieve the same way: the probe's rarer keys only (a key
 * carried by more than `maxDf` items says little and would return half the corpus), candidates
 * ranked by the summed weight of the keys they share, the best `limit` kept for scoring.
 */
import { anchorWeight, type DfTable, type LinkCandidate } from './link.ts';

export interface RetrievalOptions {
  /** keys carried by more items than this are not used to retrieve */
  maxDf?: number;
  /** candidates kept after ranking */
  limit?: number;
  /** only candidates published within this many ms of `published` */
  windowMs?: number;
  published?: number | undefined;
  excludeItemId?: string;
}

export const DEFAULT_RETRIEVAL = { maxDf: 5000, limit: 24 } as const;

export class AnchorIndex implements DfTable {
  private readonly postings = new Map<string, number[]>();
  private readonly docs: LinkCandidate[] = [];
  private readonly byId = new Map<string, number>();

  get total(): number {
    return this.docs.length;
  }

  df(key: string): number {
    return this.postings.get(key)?.length ?? 0;
  }

  get(itemId: string): LinkCandidate | undefined {
    const i = this.byId.get(itemId);
    return i === undefined ? undefined : this.docs[i];
  }

  /** Adds an item (ignored when its id is already indexed). */
  add(doc: LinkCandidate): void {
    if (this.byId.has(doc.itemId)) return;
    const n = this.docs.length;
    this.docs.push(doc);
    this.byId.set(doc.itemId, n);
    for (const k of doc.keys) {
      const p = this.postings.get(k);
      if (p) p.push(n);
      else this.postings.set(k, [n]);
    }
  }

  setStory(itemId: string, storyId: string): void {
    const i = this.byId.get(itemId);
    if (i !== undefined) this.docs[i]!.storyId = storyId;
  }

  candidates(keys: readonly string[], o: RetrievalOptions = {}): LinkCandidate[] {
    const maxDf = o.maxDf ?? DEFAULT_RETRIEVAL.maxDf;
    const limit = o.limit ?? DEFAULT_RETRIEVAL.limit;
    const acc = new Map<number, number>();
    for (const k of keys) {
      const p = this.postings.get(k);
      if (!p || p.length > maxDf) continue;
      const w = anchorWeight(k, this);
      for (const d of p) acc.set(d, (acc.get(d) ?? 0) + w);
    }
    const out: Array<[number, number]> = [];
    for (const [d, w] of acc) {
      const doc = this.docs[d]!;
      if (doc.itemId === o.excludeItemId) continue;
      if (
        o.windowMs !== undefined &&
        o.published !== undefined &&
        doc.published !== undefined &&
        Math.abs(doc.published - o.published) > o.windowMs
      )
        continue;
      out.push([d, w]);
    }
    out.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return out.slice(0, limit).map(([d]) => this.docs[d]!);
  }
}
