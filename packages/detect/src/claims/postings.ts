/**
 * One BM25 field as a compressed inverted index: terms → contiguous runs of (doc, tf) in typed
 * arrays. Typed arrays instead of Map<string, number[]> keep 100k claims in a few tens of MB, make
 * the snapshot a straight copy of memory, and make scoring a tight loop over numbers.
 */

export interface FieldParams {
  k1: number;
  b: number;
}

export class FieldIndex {
  readonly vocab: Map<string, number>;
  readonly terms: string[];
  /** postings of term t are docs[offsets[t] .. offsets[t + 1]) */
  readonly offsets: Uint32Array;
  readonly docs: Uint32Array;
  readonly tfs: Uint16Array;
  /** field length (terms) per doc */
  readonly lens: Uint16Array;
  readonly avgLen: number;

  constructor(terms: string[], offsets: Uint32Array, docs: Uint32Array, tfs: Uint16Array, lens: Uint16Array) {
    this.terms = terms;
    this.vocab = new Map(terms.map((t, i) => [t, i]));
    this.offsets = offsets;
    this.docs = docs;
    this.tfs = tfs;
    this.lens = lens;
    let sum = 0;
    for (let i = 0; i < lens.length; i++) sum += lens[i]!;
    this.avgLen = lens.length > 0 ? Math.max(sum / lens.length, 1) : 1;
  }

  get size(): number {
    return this.lens.length;
  }

  df(termId: number): number {
    return this.offsets[termId + 1]! - this.offsets[termId]!;
  }

  private idfs: Float32Array | undefined;

  /** Robertson–Spärck Jones idf with the +1 that keeps it positive for very common terms. */
  idf(term: string): number {
    const id = this.vocab.get(term);
    if (id === undefined) return Math.log(1 + (this.size + 0.5) / 0.5);
    if (this.idfs === undefined) {
      // re-ranking asks for the idf of every candidate's terms: compute them all once
      const n = this.size;
      const idfs = new Float32Array(this.terms.length);
      for (let t = 0; t < idfs.length; t++) {
        const df = this.df(t);
        idfs[t] = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      }
      this.idfs = idfs;
    }
    return this.idfs[id]!;
  }

  /**
   * Adds `weight × BM25` of each distinct query term to `acc`; terms found in more than `maxDf`
   * documents are skipped (their idf is near zero and their postings are what costs time).
   * Returns the sum of the query terms' idfs (unknown terms at the highest idf): the score of an
   * average-length document holding each query term once, an absolute yardstick for how much of the
   * query a document matches.
   */
  score(
    queryTerms: Iterable<string>,
    p: FieldParams,
    acc: Float32Array,
    weight: number,
    maxDf: number,
  ): number {
    let bound = 0;
    const n = this.size;
    const { k1, b } = p;
    const norm0 = k1 * (1 - b);
    const norm1 = (k1 * b) / this.avgLen;
    for (const term of queryTerms) {
      const id = this.vocab.get(term);
      if (id === undefined) {
        // a word no claim has is still part of what the query says
        bound += Math.log(1 + (n + 0.5) / 0.5) * weight;
        continue;
      }
      const from = this.offsets[id]!;
      const to = this.offsets[id + 1]!;
      const df = to - from;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * weight;
      bound += idf;
      if (df > maxDf) continue;
      for (let j = from; j < to; j++) {
        const d = this.docs[j]!;
        const tf = this.tfs[j]!;
        acc[d]! += (idf * tf * (k1 + 1)) / (tf + norm0 + norm1 * this.lens[d]!);
      }
    }
    return bound;
  }
}

/** Accumulates documents' term lists, then lays them out as a FieldIndex (a counting sort by term). */
export class FieldBuilder {
  private readonly vocab = new Map<string, number>();
  private readonly terms: string[] = [];
  private termIds = new Uint32Array(1 << 16);
  private docIds = new Uint32Array(1 << 16);
  private counts = new Uint16Array(1 << 16);
  private used = 0;
  private readonly lens: number[] = [];

  private push(term: number, doc: number, tf: number): void {
    if (this.used === this.termIds.length) {
      const grow = <T extends Uint32Array | Uint16Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.termIds = grow(this.termIds, (n) => new Uint32Array(n));
      this.docIds = grow(this.docIds, (n) => new Uint32Array(n));
      this.counts = grow(this.counts, (n) => new Uint16Array(n));
    }
    this.termIds[this.used] = term;
    this.docIds[this.used] = doc;
    this.counts[this.used] = tf;
    this.used++;
  }

  /** Adds the next document (documents are numbered in the order they are added). */
  add(termList: readonly string[]): void {
    const doc = this.lens.length;
    this.lens.push(Math.min(termList.length, 0xffff));
    const tf = new Map<number, number>();
    for (const t of termList) {
      let id = this.vocab.get(t);
      if (id === undefined) {
        id = this.terms.length;
        this.vocab.set(t, id);
        this.terms.push(t);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    for (const [id, c] of tf) this.push(id, doc, Math.min(c, 0xffff));
  }

  build(): FieldIndex {
    const nTerms = this.terms.length;
    const offsets = new Uint32Array(nTerms + 1);
    for (let i = 0; i < this.used; i++) offsets[this.termIds[i]! + 1]!++;
    for (let t = 0; t < nTerms; t++) offsets[t + 1]! += offsets[t]!;
    const fill = offsets.slice(0, nTerms);
    const docs = new Uint32Array(this.used);
    const tfs = new Uint16Array(this.used);
    // documents were added in order, so each term's run comes out sorted by doc
    for (let i = 0; i < this.used; i++) {
      const at = fill[this.termIds[i]!]!++;
      docs[at] = this.docIds[i]!;
      tfs[at] = this.counts[i]!;
    }
    return new FieldIndex(this.terms, offsets, docs, tfs, Uint16Array.from(this.lens));
  }
}
