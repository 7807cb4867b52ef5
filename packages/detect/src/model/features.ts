/**
 * Hashed features for the classifiers: word uni- and bigrams over stem keys (so inflections share
 * a feature), character 3–5-grams over each keyboard-folded word padded with spaces (so spelling
 * variants, folded Tajik and unseen inflections still share most features), a few shape features
 * (!, ?, quotes, capitals, digits, repeated words) and the text's language (so one model can hold
 * per-language priors). Everything is hashed into a fixed space: no vocabulary to store or grow.
 *
 * Features are extracted per sentence and kept as raw counts, so that a paragraph's vector is the
 * sum of its sentences' vectors and a linear score splits exactly into per-sentence contributions:
 * that is how a technique's evidence span is the sentence that contributed most.
 */
import type { TextView } from '../view.ts';

export interface FeatureConfig {
  /** log2 of the hashed feature space */
  bits: number;
  /** word n-gram orders (subset of 1, 2) */
  words: number[];
  /** character n-gram lengths [min, max] within words; [0, 0] disables */
  chars: [number, number];
  /** value of one character n-gram relative to one word (they are many more per text than words) */
  charWeight: number;
  /** shape features (punctuation, capitals, digits, repetition) */
  shape: boolean;
  /** a language feature per text */
  lang: boolean;

  /**
   * weight of the document-context block (content-word unigrams of the whole text the unit comes
   * from, L2-normalised then scaled to this share of the unit's own norm); 0 disables. A paragraph
   * of an opinion piece reads differently from the same sentence in a news report.
   */
  context: number;
}

export const DEFAULT_FEATURES: FeatureConfig = {
  bits: 18,
  words: [1, 2],
  chars: [3, 5],
  charWeight: 1,
  shape: true,
  lang: true,
  context: 0,
};

/** A sparse vector: parallel arrays of feature indices and counts. */
export interface Sparse {
  idx: Int32Array;
  val: Float32Array;
}

const SEED_WORD = 0x9e3779b1;
const SEED_BIGRAM = 0x85ebca6b;
const SEED_CHAR = 0xc2b2ae35;
const SEED_META = 0x27d4eb2f;
const SEED_CONTEXT = 0x165667b1;
const MAX_CHAR_WORD = 24;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashString(s: string, seed: number): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix(h);
}

/**
 * Accumulates hashed counts in a dense scratch array and remembers which slots were touched, so
 * that turning it into a sparse vector costs only the number of distinct features.
 */
export class FeatureSink {
  readonly mask: number;
  // A small open-addressing table (feature index → value) instead of a dense 2^bits array: a text
  // has a few thousand distinct features, and a table that fits in cache is what keeps
  // featurisation fast. Slots are returned in insertion order, so vectors are deterministic.
  private keys: Int32Array;
  private vals: Float32Array;
  private order: Int32Array;
  private capBits = 13;
  private n = 0;
  /** when set, each index's first feature name (for explanations; slow path only) */
  names: Map<number, string> | undefined;
  /** when set, only these indices are named (explanations name the top few features only) */
  wanted: Set<number> | undefined;
  /**
   * Transient sinks return vectors that are views into a reusable pool (valid until `release`):
   * prediction makes a dozen short-lived vectors per text, and allocating typed arrays for each
   * cost more than the scoring itself.
   */
  private readonly transient: boolean;
  private poolIdx = new Int32Array(0);
  private poolVal = new Float32Array(0);
  private poolTop = 0;

  constructor(bits: number, transient = false) {
    this.mask = (1 << bits) - 1;
    this.transient = transient;
    if (transient) {
      this.poolIdx = new Int32Array(1 << 15);
      this.poolVal = new Float32Array(1 << 15);
    }
    this.keys = new Int32Array(1 << this.capBits);
    this.vals = new Float32Array(1 << this.capBits);
    this.order = new Int32Array(1 << (this.capBits - 1));
  }

  private slot(i: number): number {
    const cap = this.keys.length - 1;
    let s = Math.imul(i, 0x9e3779b1) >>> (32 - this.capBits);
    for (;;) {
      const k = this.keys[s]!;
      if (k === 0 || k === i + 1) return s;
      s = (s + 1) & cap;
    }
  }

  private grow(): void {
    const keys = this.keys;
    const vals = this.vals;
    const order = this.order;
    this.capBits++;
    this.keys = new Int32Array(1 << this.capBits);
    this.vals = new Float32Array(1 << this.capBits);
    this.order = new Int32Array(1 << (this.capBits - 1));
    for (let j = 0; j < this.n; j++) {
      const old = order[j]!;
      const s = this.slot(keys[old]! - 1);
      this.keys[s] = keys[old]!;
      this.vals[s] = vals[old]!;
      this.order[j] = s;
    }
  }

  add(hash: number, v: number, name?: () => string): void {
    const i = hash & this.mask;
    let s = this.slot(i);
    if (this.keys[s] === 0) {
      if (this.n === this.order.length) {
        this.grow();
        s = this.slot(i);
      }
      this.keys[s] = i + 1;
      this.vals[s] = v;
      this.order[this.n++] = s;
    } else this.vals[s]! += v;
    if (this.names && name && (!this.wanted || this.wanted.has(i)) && !this.names.has(i))
      this.names.set(i, name());
  }

  /** Pool position to return to with `release` (transient sinks). */
  mark(): number {
    return this.poolTop;
  }

  /** Free the pooled vectors made since `mark` (they must no longer be used). */
  release(mark: number): void {
    this.poolTop = mark;
  }

  /** Take the accumulated vector and reset the sink. */
  take(): Sparse {
    const k = this.n;
    let idx: Int32Array;
    let val: Float32Array;
    if (this.transient) {
      if (this.poolTop + k > this.poolIdx.length) {
        // a fresh, larger pool; vectors already handed out keep the old buffers alive
        const size = Math.max(this.poolIdx.length * 2, k * 2);
        this.poolIdx = new Int32Array(size);
        this.poolVal = new Float32Array(size);
        this.poolTop = 0;
      }
      idx = this.poolIdx.subarray(this.poolTop, this.poolTop + k);
      val = this.poolVal.subarray(this.poolTop, this.poolTop + k);
      this.poolTop += k;
    } else {
      idx = new Int32Array(k);
      val = new Float32Array(k);
    }
    for (let j = 0; j < k; j++) {
      const s = this.order[j]!;
      idx[j] = this.keys[s]! - 1;
      val[j] = this.vals[s]!;
      this.keys[s] = 0;
    }
    this.n = 0;
    return { idx, val };
  }
}

function charGrams(sink: FeatureSink, word: string, min: number, max: number, v: number): void {
  const len = Math.min(word.length, MAX_CHAR_WORD);
  const m = len + 2;
  const named = sink.names !== undefined;
  const padded = named ? ` ${word.slice(0, len)} ` : '';
  for (let p = 0; p < m; p++) {
    let h = SEED_CHAR ^ 0x811c9dc5;
    const end = Math.min(m, p + max);
    for (let q = p; q < end; q++) {
      const c = q === 0 || q === m - 1 ? 0x20 : word.charCodeAt(q - 1);
      h ^= c;
      h = Math.imul(h, 0x01000193);
      const n = q - p + 1;
      if (n >= min) {
        if (named) sink.add(fmix(h ^ n), v, () => `char:${padded.slice(p, q + 1)}`);
        else sink.add(fmix(h ^ n), v);
      }
    }
  }
}

function countChars(
  text: string,
  from: number,
  to: number,
): { excl: number; quest: number; quote: number; digit: number } {
  let excl = 0;
  let quest = 0;
  let quote = 0;
  let digit = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x21) excl++;
    else if (c === 0x3f || c === 0x61f) quest++;
    else if (c === 0x22 || c === 0xab || c === 0xbb || c === 0x201c || c === 0x201d || c === 0x201e) quote++;
    else if (c >= 0x30 && c <= 0x39) digit++;
  }
  return { excl, quest, quote, digit };
}

/** Upper-case Latin, Russian or Tajik letter (enough for the all-capitals shape feature). */
function isUpper(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x400 && c <= 0x42f) ||
    c === 0x492 ||
    c === 0x49a ||
    c === 0x4b2 ||
    c === 0x4b6 ||
    c === 0x4e2 ||
    c === 0x4ee
  );
}

function meta(sink: FeatureSink, name: string, v = 1): void {
  if (sink.names) sink.add(hashString(name, SEED_META), v, () => name);
  else sink.add(hashString(name, SEED_META), v);
}

/** Add the features of sentence `s` of the view to the sink. */
export function sentenceFeatures(sink: FeatureSink, view: TextView, s: number, cfg: FeatureConfig): void {
  const sent = view.sentences[s]!;
  const toks = view.tokens;
  const uni = cfg.words.includes(1);
  const bi = cfg.words.includes(2);
  const [cmin, cmax] = cfg.chars;
  let prev = -1;
  let prevKey = '';
  let caps = 0;
  for (let i = sent.tokFrom; i < sent.tokTo; i++) {
    const t = toks[i]!;
    const hw = hashString(t.key, SEED_WORD);
    const named = sink.names !== undefined;
    if (uni) {
      if (named) sink.add(hw, 1, () => `word:${t.key}`);
      else sink.add(hw, 1);
    }
    if (bi && prev >= 0) {
      const pk = prevKey;
      const hb = fmix(Math.imul(prev, 31) ^ hw ^ SEED_BIGRAM);
      if (named) sink.add(hb, 1, () => `words:${pk} ${t.key}`);
      else sink.add(hb, 1);
    }
    prev = hw;
    prevKey = t.key;
    if (cmax > 0) charGrams(sink, t.fold, cmin, cmax, cfg.charWeight);
    if (cfg.shape && t.end - t.start >= 3) {
      const x = view.text;
      if (
        isUpper(x.charCodeAt(t.start)) &&
        isUpper(x.charCodeAt(t.start + 1)) &&
        isUpper(x.charCodeAt(t.start + 2))
      )
        caps++;
    }
  }
  if (cfg.shape) {
    const c = countChars(view.text, sent.start, sent.end);
    if (c.excl) meta(sink, 'shape:!', Math.min(c.excl, 3));
    if (c.quest) meta(sink, 'shape:?', Math.min(c.quest, 3));
    if (c.quote) meta(sink, 'shape:quote', Math.min(c.quote, 4) / 2);
    if (c.digit) meta(sink, 'shape:digit');
    if (caps) meta(sink, 'shape:caps', Math.min(caps, 3));
  }
}

/**
 * Features that belong to a whole paragraph rather than one sentence (language, length, repeated
 * content words); added once, attributed to the paragraph's first sentence.
 */
export function paragraphFeatures(
  sink: FeatureSink,
  view: TextView,
  tokFrom: number,
  tokTo: number,
  cfg: FeatureConfig,
): void {
  if (cfg.lang) meta(sink, `lang:${view.lang}`);
  if (!cfg.shape) return;
  const n = tokTo - tokFrom;
  meta(sink, `len:${n < 8 ? 'xs' : n < 25 ? 's' : n < 60 ? 'm' : 'l'}`);
  const counts = new Map<string, number>();
  let rep = 0;
  for (let i = tokFrom; i < tokTo; i++) {
    const t = view.tokens[i]!;
    if (t.stop || t.key.length < 4) continue;
    const c = (counts.get(t.key) ?? 0) + 1;
    counts.set(t.key, c);
    if (c === 3) rep++;
  }
  if (rep) meta(sink, 'shape:repeat', Math.min(rep, 3));
}

/** Per-sentence sparse vectors of one paragraph (paragraph-level features go to the first). */
export function paragraphVectors(
  sink: FeatureSink,
  view: TextView,
  sentFrom: number,
  sentTo: number,
  cfg: FeatureConfig,
): Sparse[] {
  const out: Sparse[] = [];
  for (let s = sentFrom; s < sentTo; s++) {
    if (s === sentFrom) {
      const last = view.sentences[sentTo - 1]!;
      paragraphFeatures(sink, view, view.sentences[sentFrom]!.tokFrom, last.tokTo, cfg);
    }
    sentenceFeatures(sink, view, s, cfg);
    out.push(sink.take());
  }
  return out;
}

/** Merge sentence vectors into one (summing shared indices). */
export function mergeSparse(parts: readonly Sparse[], sink: FeatureSink): Sparse {
  if (parts.length === 1) return parts[0]!;
  for (const p of parts) for (let j = 0; j < p.idx.length; j++) sink.add(p.idx[j]!, p.val[j]!);
  return sink.take();
}

/** Whole-text vector (all paragraphs together), for text-level tasks such as narratives. */
export function textVector(sink: FeatureSink, view: TextView, cfg: FeatureConfig): Sparse {
  if (view.sentences.length === 0) {
    if (cfg.lang) meta(sink, `lang:${view.lang}`);
    return sink.take();
  }
  paragraphFeatures(sink, view, 0, view.tokens.length, cfg);
  for (let s = 0; s < view.sentences.length; s++) sentenceFeatures(sink, view, s, cfg);
  return sink.take();
}

/** The document-context vector of a view: content-word unigrams, L2-normalised (empty when disabled). */
export function contextVector(sink: FeatureSink, view: TextView, cfg: FeatureConfig): Sparse {
  if (!(cfg.context > 0)) return sink.take();
  for (const t of view.tokens) {
    if (t.stop || t.key.length < 3) continue;
    if (sink.names) sink.add(hashString(t.key, SEED_CONTEXT), 1, () => `context:${t.key}`);
    else sink.add(hashString(t.key, SEED_CONTEXT), 1);
  }
  const v = sink.take();
  let n = 0;
  for (let j = 0; j < v.val.length; j++) n += v.val[j]! * v.val[j]!;
  if (n > 0) {
    const inv = 1 / Math.sqrt(n);
    for (let j = 0; j < v.val.length; j++) v.val[j]! *= inv;
  }
  return v;
}

/** A unit vector with the context block appended (scaled to `cfg.context` × the unit's norm). */
export function withContext(
  sink: FeatureSink,
  unit: Sparse,
  context: Sparse | undefined,
  cfg: FeatureConfig,
): Sparse {
  if (!context || context.idx.length === 0 || !(cfg.context > 0)) return unit;
  let n = 0;
  for (let j = 0; j < unit.val.length; j++) n += unit.val[j]! * unit.val[j]!;
  const scale = cfg.context * Math.sqrt(n || 1);
  for (let j = 0; j < unit.idx.length; j++) sink.add(unit.idx[j]!, unit.val[j]!);
  for (let j = 0; j < context.idx.length; j++) sink.add(context.idx[j]!, context.val[j]! * scale);
  return sink.take();
}
