/**
 * The claim index: BM25 over four fields (stemmed words, cross-language cognate skeletons and
 * numbers, character grams, language-neutral concept keys) to fetch candidates, then a linear re-ranker over pair features
 * (coverage, numbers, entities, quotations, bigrams). Pure and in memory; `toSnapshot` gives bytes
 * an application can cache and `ClaimIndex.fromSnapshot` loads them back without re-analysing.
 *
 * An embedding model plugs in through `MatchOptions.dense`: it scores the candidates the lexical
 * stage found, and its score enters the re-ranker as one more feature (weight `PARAMS.weights`
 * entry `dense`, 0 until a dense model is tuned in).
 */
import type { Lang } from '@ogoh/core';
import { analyzeClaim, type ClaimAnalysis, langOf } from './analyze.ts';
import { BM25_NEUTRAL, FEATURES, N_FEATURES, type Prepared, pairFeatures, prepared } from './features.ts';
import { FieldBuilder, FieldIndex, type FieldParams } from './postings.ts';

/** What the index needs of a claim. */
export interface ClaimDoc {
  id: string;
  /** the claim as reviewed */
  text: string;
  /** the fact-check's headline, indexed with the claim when present */
  title?: string;
  /** BCP 47 tag as published ("ru", "tg-TJ"); identified from the text when absent */
  lang?: string;
}

export interface ClaimMatch {
  /** the id the claim was imported with */
  id: string;
  /** 0..1, calibrated on training queries: about the chance that the claim is the one meant */
  score: number;
}

export interface Candidate {
  doc: number;
  id: string;
  /** FEATURES, in order */
  features: Float32Array;
  /** query and claim in different languages (their own calibration applies) */
  cross: boolean;
}

export interface MatchOptions {
  /** how many matches (default 10) */
  k?: number;
  /** the query's language when known (skips identification) */
  lang?: Lang;
  /** drop matches scoring below this (default 0: keep all k) */
  minScore?: number;
  /**
   * Dense plug-in: similarity (about 0..1) of the query to each candidate claim id. Called once per
   * query with the lexical candidates; its scores become the `dense` feature.
   */
  dense?: (query: string, ids: readonly string[]) => ArrayLike<number>;
}

/**
 * Matching parameters. The shipped re-ranker weights are hand-set, not learned: the public
 * claim-retrieval sets (CheckThat! 2020) are licensed for research only, so no weights fitted on
 * them may ship. `ogoh claims train` fits weights and calibration on an operator's own judged
 * queries (train.ts) and the app loads them in place of these.
 */
export interface ClaimParams {
  words: FieldParams;
  cognates: FieldParams;
  grams: FieldParams;
  /** the language-neutral field (lexicon concepts, skeletons of other words, numbers) */
  neutral: FieldParams;
  /** first-stage mix of the four fields */
  stage1: { words: number; cognates: number; grams: number; neutral: number };
  /** candidates re-ranked per query */
  depth: number;
  /** grams and neutral keys in more than this share of claims are skipped at query time (speed; idf ≈ 0 anyway) */
  gramMaxDf: number;
  /** re-ranker weights, in FEATURES order */
  weights: number[];
  /** score = 1 / (1 + exp(-(a × s + c))) on the re-ranker's value s */
  calibration: { a: number; c: number };
  /**
   * The same for a query and a claim in different languages, whose features reach lower values for
   * an equally certain match (a translation shares concepts and names, never stems); absent: the
   * same-language calibration applies.
   */
  crossCalibration?: { a: number; c: number };
}

export const PARAMS: ClaimParams = {
  words: { k1: 1.2, b: 0.75 },
  cognates: { k1: 1.2, b: 0.75 },
  grams: { k1: 1.2, b: 0.75 },
  neutral: { k1: 1.2, b: 0.75 },
  stage1: { words: 1, cognates: 0.3, grams: 0.1, neutral: 0.5 },
  depth: 50,
  gramMaxDf: 0.05,
  // Hand-set: without judged queries the ranking is the first stage's mix of the word BM25
  // fields (same-language words first; cognates and grams carry other languages and partial
  // words), plus how much of the claim the text contains and of the text the claim covers (0.3
  // each: a long post quoting a claim word for word covers all of it while its BM25, divided by
  // the post's own length, stays small) and shared word pairs (0.2); numbers stated by both, or
  // conflicting, break near ties. A same-language repeat sums to about 2.2, an unrelated claim to
  // 0.1-0.3; the calibration puts 0.5 at 0.8. Across languages the word features read the
  // neutral field (concepts, names, numbers); opposite concepts (prices rise / fall) cost 0.3.
  // Their calibration was set on the cross-language set's tune half only: slope 6.25, and an
  // offset that keeps most same-topic hard negatives under 0.5 (docs/EVALUATION.md, "Across
  // languages").
  weights: [1, 0.3, 0.1, 0.3, 0.3, 0, 0, 0.05, -0.05, 0, 0, 0, 0.2, 0, 0, -0.3, 0],
  calibration: { a: 5, c: -4 },
  crossCalibration: { a: 6.25, c: -5.5 },
};

/**
 * The product's thresholds on calibrated match scores, which mean the same within and across
 * languages (docs/EVALUATION.md, "Across languages"): `show` offers a claim to an analyst as a
 * possible repeat (ogoh check, the API's text check); `report` states it as a match (exports,
 * alert rules on claim matches without their own threshold).
 */
export const CLAIM_SCORE = { show: 0.3, report: 0.5 } as const;

const FORMAT = 2;
const N_FIELDS = 4;
const MAGIC = 0x4f434931; // "OCI1"

function docText(d: ClaimDoc): string {
  return d.title === undefined || d.title === '' ? d.text : `${d.text}\n${d.title}`;
}

const LANG_CODES: readonly Lang[] = ['tg', 'ru', 'uk', 'uz', 'en', 'fa', 'und'];

/** 0 Latin, 1 Cyrillic, 2 Arabic: the script most of a text's letters are in. */
function scriptOf(text: string): number {
  let lat = 0;
  let cyr = 0;
  let ara = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) lat++;
    else if (c >= 0x400 && c <= 0x52f) cyr++;
    else if (c >= 0x600 && c <= 0x6ff) ara++;
  }
  return cyr >= lat && cyr >= ara ? 1 : ara > lat ? 2 : 0;
}

/**
 * A claim's language and script in one byte (language index + 16 × script): Uzbek in Latin and in
 * Cyrillic share no stems either, so a pair across scripts is matched as across languages.
 */
function langCode(lang: Lang, text: string): number {
  return LANG_CODES.indexOf(lang) + 16 * scriptOf(text);
}

export class ClaimIndex {
  readonly ids: readonly string[];
  private readonly texts: readonly string[];
  private readonly langs: Uint8Array;
  private readonly words: FieldIndex;
  private readonly cognates: FieldIndex;
  private readonly grams: FieldIndex;
  private readonly neutral: FieldIndex;
  private readonly cache = new Map<number, Prepared>();
  /** per-field score accumulators, reused across queries (match is synchronous) */
  private scratch: [Float32Array, Float32Array, Float32Array, Float32Array] | undefined;
  params: ClaimParams = PARAMS;

  private constructor(
    ids: readonly string[],
    texts: readonly string[],
    langs: Uint8Array,
    fields: [FieldIndex, FieldIndex, FieldIndex, FieldIndex],
  ) {
    this.ids = ids;
    this.texts = texts;
    this.langs = langs;
    [this.words, this.cognates, this.grams, this.neutral] = fields;
  }

  /**
   * Builds an index over claims. Ids must be unique (a later duplicate replaces nothing: callers
   * dedupe, as the store does by primary key).
   * @example const index = ClaimIndex.build(await listAll(store)); index.match('…', { k: 5 })
   */
  static build(claims: Iterable<ClaimDoc>): ClaimIndex {
    const ids: string[] = [];
    const texts: string[] = [];
    const langs: number[] = [];
    const w = new FieldBuilder();
    const c = new FieldBuilder();
    const g = new FieldBuilder();
    const u = new FieldBuilder();
    for (const d of claims) {
      const text = docText(d);
      const a = analyzeClaim(text, langOf(d.lang));
      ids.push(d.id);
      texts.push(text);
      langs.push(langCode(a.lang, text));
      w.add(a.words);
      c.add(a.cognates);
      g.add(a.grams);
      u.add(a.neutral);
    }
    return new ClaimIndex(ids, texts, Uint8Array.from(langs), [w.build(), c.build(), g.build(), u.build()]);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The indexed text of claim number `doc` (claim and headline), e.g. to embed it. */
  textOf(doc: number): string {
    return this.texts[doc] ?? '';
  }

  private analysis(doc: number): Prepared {
    let p = this.cache.get(doc);
    if (p === undefined) {
      p = prepared(analyzeClaim(this.texts[doc]!, LANG_CODES[this.langs[doc]! & 15]));
      if (this.cache.size >= 20_000) this.cache.clear();
      this.cache.set(doc, p);
    }
    return p;
  }

  /** First stage plus features: the lexical candidates of a query, for ranking or for tuning. */
  candidates(query: string | ClaimAnalysis, lang?: Lang): Candidate[] {
    const qa =
      typeof query === 'string'
        ? analyzeClaim(query, lang, { known: (key) => this.words.vocab.has(key) })
        : query;
    const n = this.size;
    if (n === 0) return [];
    const p = this.params;
    if (this.scratch === undefined || this.scratch[0].length !== n)
      this.scratch = [new Float32Array(n), new Float32Array(n), new Float32Array(n), new Float32Array(n)];
    const [sw, sc, sg, su] = this.scratch;
    sw.fill(0);
    sc.fill(0);
    sg.fill(0);
    su.fill(0);
    // BM25 features are divided by the query's own yardstick (not by the best candidate's score),
    // so a weak best match stays weak and the calibrated score means the same across queries
    const bw = this.words.score(new Set(qa.words), p.words, sw, 1, n);
    const bc = this.cognates.score(new Set(qa.cognates), p.cognates, sc, 1, n);
    const bg = this.grams.score(new Set(qa.grams), p.grams, sg, 1, Math.max(500, p.gramMaxDf * n));
    // concepts as common as "Tajikistan" are in the word field too, at near-zero idf: skipping
    // them here keeps the fourth field's cost to the rarer keys that decide a translation
    const bu = this.neutral.score(new Set(qa.neutral), p.neutral, su, 1, Math.max(500, p.gramMaxDf * n));
    const top = topDocs(sw, sc, sg, su, p.stage1, p.depth);
    if (top.length === 0) return [];
    const q = prepared(qa);
    const idf = {
      words: (t: string) => this.words.idf(t),
      cognates: (t: string) => this.cognates.idf(t),
      neutral: (t: string) => this.neutral.idf(t),
    };
    const qLang = LANG_CODES.indexOf(qa.lang);
    const qScript = typeof query === 'string' ? scriptOf(query) : -1;
    const und = LANG_CODES.indexOf('und');
    return top.map((doc) => {
      const f = new Float32Array(N_FEATURES);
      const dLang = this.langs[doc]!;
      const dl = dLang & 15;
      const cross = qLang !== und && dl !== und && (qLang !== dl || (qScript >= 0 && qScript !== dLang >> 4));
      f[1] = bc > 0 ? sc[doc]! / bc : 0;
      f[2] = bg > 0 ? sg[doc]! / bg : 0;
      f[BM25_NEUTRAL] = bu > 0 ? su[doc]! / bu : 0;
      // across languages the word field cannot match: its evidence is the neutral field's
      // (concepts, names, numbers), which a faithful translation shares as a repeat shares stems
      f[0] = cross ? f[BM25_NEUTRAL]! : bw > 0 ? sw[doc]! / bw : 0;
      pairFeatures(q, this.analysis(doc), idf, f, cross);
      return { doc, id: this.ids[doc]!, features: f, cross };
    });
  }

  /**
   * The claims a text most likely repeats, best first.
   * @example index.match('Хукумат 2 млн сомони чудо кард', { k: 3 }) // [{ id: 'fc-12', score: 0.91 }, …]
   */
  match(text: string, options: MatchOptions = {}): ClaimMatch[] {
    const k = options.k ?? 10;
    const cands = this.candidates(text, options.lang);
    if (options.dense && cands.length > 0) {
      const scores = options.dense(
        text,
        cands.map((c) => c.id),
      );
      cands.forEach((c, i) => {
        c.features[N_FEATURES - 1] = scores[i] ?? 0;
      });
    }
    return rank(cands, this.params, k, options.minScore ?? 0);
  }

  /** The index as bytes: load with `ClaimIndex.fromSnapshot` (same build of Ogoh). */
  toSnapshot(): Uint8Array {
    const enc = new TextEncoder();
    const meta = enc.encode(JSON.stringify({ format: FORMAT, ids: this.ids, texts: this.texts }));
    const parts: Uint8Array[] = [meta, this.langs];
    for (const f of [this.words, this.cognates, this.grams, this.neutral]) {
      parts.push(
        enc.encode(f.terms.join('\n')),
        bytes(f.offsets),
        bytes(f.docs),
        bytes(f.tfs),
        bytes(f.lens),
      );
    }
    const head = new Uint32Array(2 + parts.length);
    head[0] = MAGIC;
    head[1] = parts.length;
    let total = head.byteLength;
    parts.forEach((p, i) => {
      head[2 + i] = p.byteLength;
      total += pad(p.byteLength);
    });
    const out = new Uint8Array(total);
    out.set(bytes(head), 0);
    let at = head.byteLength;
    for (const p of parts) {
      out.set(p, at);
      at += pad(p.byteLength);
    }
    return out;
  }

  /** Loads a snapshot; throws a RangeError when the bytes are not one (callers then rebuild). */
  static fromSnapshot(data: Uint8Array): ClaimIndex {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    if (data.byteLength < 8 || view.getUint32(0, true) !== MAGIC)
      throw new RangeError('not a claim index snapshot');
    const nParts = view.getUint32(4, true);
    if (nParts !== 2 + 5 * N_FIELDS || data.byteLength < 8 + 4 * nParts)
      throw new RangeError('claim index snapshot damaged');
    const sizes: number[] = [];
    for (let i = 0; i < nParts; i++) sizes.push(view.getUint32(8 + 4 * i, true));
    let at = 8 + 4 * nParts;
    const parts: Uint8Array[] = sizes.map((s) => {
      if (at + s > data.byteLength) throw new RangeError('claim index snapshot truncated');
      const p = data.slice(at, at + s);
      at += pad(s);
      return p;
    });
    const dec = new TextDecoder();
    const meta = JSON.parse(dec.decode(parts[0])) as { format: number; ids: string[]; texts: string[] };
    if (meta.format !== FORMAT) throw new RangeError(`claim index snapshot format ${meta.format}`);
    const fields: FieldIndex[] = [];
    for (let f = 0; f < N_FIELDS; f++) {
      const [terms, offsets, docs, tfs, lens] = parts.slice(2 + f * 5, 7 + f * 5) as [
        Uint8Array,
        Uint8Array,
        Uint8Array,
        Uint8Array,
        Uint8Array,
      ];
      const t = dec.decode(terms);
      fields.push(
        new FieldIndex(
          t === '' ? [] : t.split('\n'),
          new Uint32Array(offsets.buffer, offsets.byteOffset, offsets.byteLength / 4),
          new Uint32Array(docs.buffer, docs.byteOffset, docs.byteLength / 4),
          new Uint16Array(tfs.buffer, tfs.byteOffset, tfs.byteLength / 2),
          new Uint16Array(lens.buffer, lens.byteOffset, lens.byteLength / 2),
        ),
      );
    }
    return new ClaimIndex(
      meta.ids,
      meta.texts,
      parts[1]!,
      fields as [FieldIndex, FieldIndex, FieldIndex, FieldIndex],
    );
  }
}

function bytes(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function pad(n: number): number {
  return (n + 3) & ~3;
}

/** The `depth` best docs by the first-stage mix, best first (a bounded min-heap over all docs). */
function topDocs(
  sw: Float32Array,
  sc: Float32Array,
  sg: Float32Array,
  su: Float32Array,
  mix: ClaimParams['stage1'],
  depth: number,
): number[] {
  const heapDoc = new Int32Array(depth);
  const heapVal = new Float64Array(depth);
  let size = 0;
  const n = sw.length;
  for (let d = 0; d < n; d++) {
    const w = sw[d]!;
    const c = sc[d]!;
    const g = sg[d]!;
    const u = su[d]!;
    if (w === 0 && c === 0 && g === 0 && u === 0) continue;
    const v = mix.words * w + mix.cognates * c + mix.grams * g + mix.neutral * u;
    if (size < depth) {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (heapVal[parent]! <= v) break;
        heapVal[i] = heapVal[parent]!;
        heapDoc[i] = heapDoc[parent]!;
        i = parent;
      }
      heapVal[i] = v;
      heapDoc[i] = d;
    } else if (v > heapVal[0]!) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const m = r < size && heapVal[r]! < heapVal[l]! ? r : l;
        if (heapVal[m]! >= v) break;
        heapVal[i] = heapVal[m]!;
        heapDoc[i] = heapDoc[m]!;
        i = m;
      }
      heapVal[i] = v;
      heapDoc[i] = d;
    }
  }
  const order = Array.from({ length: size }, (_, i) => i);
  order.sort((a, b) => heapVal[b]! - heapVal[a]! || heapDoc[a]! - heapDoc[b]!);
  return order.map((i) => heapDoc[i]!);
}

/** The re-ranker's value of one candidate. */
export function rerankValue(features: Float32Array, weights: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < N_FEATURES; i++) s += (weights[i] ?? 0) * features[i]!;
  return s;
}

/** The calibrated score of one candidate: same- and cross-language pairs each have their own. */
export function candidateScore(c: Candidate, p: ClaimParams): number {
  const cal = c.cross && p.crossCalibration !== undefined ? p.crossCalibration : p.calibration;
  return 1 / (1 + Math.exp(-(cal.a * rerankValue(c.features, p.weights) + cal.c)));
}

/**
 * Ranks candidates by calibrated score (the re-ranker's value mapped by the calibration of the
 * pair's kind, so a Russian claim a Tajik post translates can outrank a weaker Tajik one).
 */
export function rank(cands: readonly Candidate[], p: ClaimParams, k: number, minScore = 0): ClaimMatch[] {
  const scored = cands.map((c) => ({ c, s: candidateScore(c, p) }));
  scored.sort((x, y) => y.s - x.s || x.c.doc - y.c.doc);
  const out: ClaimMatch[] = [];
  for (const { c, s } of scored) {
    if (out.length >= k) break;
    if (s < minScore) break;
    out.push({ id: c.id, score: Math.round(s * 10000) / 10000 });
  }
  return out;
}

export { FEATURES };
