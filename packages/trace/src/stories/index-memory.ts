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
  /** postings read per key, latest first (bounds the work on template-heavy corpora) */
  maxScan?: number;
  /** only the probe's rarest keys retrieve */
  maxKeys?: number;
  /** only candidates published within this many ms of `published` */
  windowMs?: number;
  published?: number | undefined;
  excludeItemId?: string;
}

export const DEFAULT_RETRIEVAL = { maxDf: 5000, limit: 16, maxScan: 64, maxKeys: 6 } as const;

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

  /** Scratch scores per document and the documents touched, reused across calls (no per-call maps). */
  private scratch = new Float64Array(1024);
  private readonly touched: number[] = [];

  candidates(keys: readonly string[], o: RetrievalOptions = {}): LinkCandidate[] {
    const maxDf = o.maxDf ?? DEFAULT_RETRIEVAL.maxDf;
    const limit = o.limit ?? DEFAULT_RETRIEVAL.limit;
    const maxScan = o.maxScan ?? DEFAULT_RETRIEVAL.maxScan;
    const maxKeys = o.maxKeys ?? DEFAULT_RETRIEVAL.maxKeys;
    if (this.scratch.length < this.docs.length) {
      let n = this.scratch.length;
      while (n < this.docs.length) n *= 2;
      this.scratch = new Float64Array(n);
    }
    const score = this.scratch;
    const touched = this.touched;
    const usable = keys
      .map((k) => ({ k, n: this.df(k) }))
      .filter((x) => x.n > 0 && x.n <= maxDf)
      .sort((a, b) => a.n - b.n)
      .slice(0, maxKeys);
    for (const { k } of usable) {
      const p = this.postings.get(k)!;
      const w = anchorWeight(k, this);
      for (let j = p.length - 1, read = 0; j >= 0 && read < maxScan; j--, read++) {
        const d = p[j]!;
        if (score[d] === 0) touched.push(d);
        score[d] = score[d]! + w;
      }
    }
    // top `limit` by score (ties: earlier document first), without sorting everything touched
    const best: number[] = [];
    const better = (a: number, b: number) => score[a]! > score[b]! || (score[a] === score[b] && a < b);
    const worstOf = (l: number[]) => {
      let w = 0;
      for (let i = 1; i < l.length; i++) if (better(l[w]!, l[i]!)) w = i;
      return w;
    };
    let worst = 0;
    for (const d of touched) {
      const doc = this.docs[d]!;
      if (doc.itemId === o.excludeItemId) continue;
      if (
        o.windowMs !== undefined &&
        o.published !== undefined &&
        doc.published !== undefined &&
        Math.abs(doc.published - o.published) > o.windowMs
      )
        continue;
      if (best.length < limit) {
        best.push(d);
        if (best.length === limit) worst = worstOf(best);
        continue;
      }
      if (better(d, best[worst]!)) {
        best[worst] = d;
        worst = worstOf(best);
      }
    }
    best.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    for (const d of touched) score[d] = 0;
    touched.length = 0;
    return best.map((d) => this.docs[d]!);
  }
}
