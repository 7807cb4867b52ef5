/**
 * Normalisation and keyboard folding.
 *
 * `normalize` gives the form used for search and stemming: NFC, Tajik lookalike letters replaced by
 * Tajik letters, apostrophe variants unified (Uzbek oʻ/gʻ), lower case, ё→е, invisible characters
 * dropped, whitespace collapsed and trimmed, and Latin/Cyrillic homoglyphs inside a word of the
 * other script replaced. `fold` then gives the match key used for Tajik typed on a Russian layout
 * (ҳ→х ҷ→ч қ→к ғ→г ӣ→и ӯ→у, and Uzbek ў→у): for matching only, never for display.
 *
 * Both run in one pass over the code units with table look-ups (see chars.ts). NFC is applied per
 * base-plus-combining-marks cluster, which equals whole-string NFC for the scripts Ogoh handles
 * (it differs only for Hangul jamo and a few Indic sequences). Astral characters pass unchanged.
 */
import {
  C_MARK,
  CLASS,
  CYRILLIC_TO_LATIN,
  FOLD,
  LATIN_TO_CYRILLIC,
  N_DROP,
  N_MARK,
  N_MULTI,
  N_SPACE,
  NORM,
  NORM_MULTI,
  S_CYRL,
  S_LATN,
  SCRIPT,
} from './chars.ts';

/** A normalised text with, for each of its code units, the span it came from in the original. */
export interface NormalizedText {
  /** normalize(original) */
  norm: string;
  /** fold(norm); same length as norm, so the same offsets apply */
  fold: string;
  /** starts[i]: UTF-16 offset in the original where normalised unit i comes from */
  starts: Uint32Array;
  /** ends[i]: UTF-16 offset in the original just after the source of normalised unit i */
  ends: Uint32Array;
}

// Shared output buffers: the functions here are synchronous and never re-entered.
let buf = new Uint16Array(1024);
let starts = new Uint32Array(1024);
let ends = new Uint32Array(1024);
const utf16 = new TextDecoder('utf-16le');

function grow(need: number): void {
  if (need <= buf.length) return;
  let n = buf.length;
  while (n < need) n *= 2;
  const b = new Uint16Array(n);
  b.set(buf);
  buf = b;
  const s = new Uint32Array(n);
  s.set(starts);
  starts = s;
  const e = new Uint32Array(n);
  e.set(ends);
  ends = e;
}

/**
 * Replace the minority-script letters of a mixed Latin/Cyrillic word ("ПуTин", "Tоjikiston") when
 * every one of them has a lookalike in the majority script; otherwise leave the word alone.
 */
function repairWord(from: number, to: number, cyr: number, lat: number, folding: boolean): void {
  const toCyr = cyr >= lat;
  const map = toCyr ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
  const minority = toCyr ? S_LATN : S_CYRL;
  for (let k = from; k < to; k++) if (SCRIPT[buf[k]!] === minority && !map.has(buf[k]!)) return;
  for (let k = from; k < to; k++) {
    const u = buf[k]!;
    if (SCRIPT[u] === minority) {
      const m = map.get(u)!;
      buf[k] = folding ? FOLD[m]! : m;
    }
  }
}

/**
 * Expand a source cluster (a unit with combining marks, or a unit whose lower case is several
 * units) into normalised units. Rare path; returns the units to emit.
 */
function expand(text: string, i: number, j: number): number[] {
  const units: number[] = [];
  const composed = j - i > 1 ? text.slice(i, j).normalize('NFC') : text[i]!;
  for (let k = 0; k < composed.length; k++) {
    const c = composed.charCodeAt(k);
    const n = NORM[c]!;
    if (n >= 0) units.push(n);
    else if (n === N_SPACE) units.push(0x20);
    else if (n === N_MARK) {
      // a mark that NFC could not compose: drop the common diacritics block, keep the others
      if (c < 0x0300 || c > 0x036f) units.push(c);
    } else if (n === N_MULTI) {
      const s = NORM_MULTI.get(c)!;
      for (let m = 0; m < s.length; m++) {
        const v = NORM[s.charCodeAt(m)]!;
        if (v >= 0) units.push(v);
      }
    }
  }
  return units;
}

// Loop state shared with the rare cluster path (see putSlow); the main loop keeps it in locals.
const st = { o: 0, wordStart: -1, cyr: 0, lat: 0, pendingSpace: false, spaceFrom: 0, spaceTo: 0 };

/** Emit one normalised unit from the rare path; same logic as the inlined copy in run(). */
function putSlow(n: number, i: number, j: number, track: boolean, folding: boolean): void {
  if (n === 0x20) {
    if (st.o > 0 && !st.pendingSpace) {
      st.pendingSpace = true;
      st.spaceFrom = i;
    }
    st.spaceTo = j;
    return;
  }
  if (st.o + 2 > buf.length) grow(st.o + 2);
  if (st.pendingSpace) {
    st.pendingSpace = false;
    if (st.wordStart >= 0) {
      if (st.cyr > 0 && st.lat > 0) repairWord(st.wordStart, st.o, st.cyr, st.lat, folding);
      st.wordStart = -1;
    }
    buf[st.o] = 0x20;
    if (track) {
      starts[st.o] = st.spaceFrom;
      ends[st.o] = st.spaceTo;
    }
    st.o++;
  }
  const sc = SCRIPT[n]!;
  if (sc === S_CYRL || sc === S_LATN) {
    if (st.wordStart < 0) {
      st.wordStart = st.o;
      st.cyr = 0;
      st.lat = 0;
    }
    if (sc === S_CYRL) st.cyr++;
    else st.lat++;
  } else if (st.wordStart >= 0 && CLASS[n] !== C_MARK) {
    if (st.cyr > 0 && st.lat > 0) repairWord(st.wordStart, st.o, st.cyr, st.lat, folding);
    st.wordStart = -1;
  }
  buf[st.o] = folding ? FOLD[n]! : n;
  if (track) {
    starts[st.o] = i;
    ends[st.o] = j;
  }
  st.o++;
}

/**
 * The one normalising loop. Writes into `buf` (and `starts`/`ends` when tracking) and returns the
 * output length. Whitespace runs become one space and the ends are trimmed; `folding` applies the
 * keyboard fold as it goes. The common case (a unit that maps to one unit and is not followed by a
 * combining mark) is inlined; clusters and multi-unit lower cases go through putSlow.
 */
function run(text: string, from: number, to: number, track: boolean, folding: boolean): number {
  if (to - from + 16 > buf.length) grow(to - from + 16);
  const b = buf;
  let o = 0;
  let wordStart = -1;
  let cyr = 0;
  let lat = 0;
  let pendingSpace = false;
  let spaceFrom = 0;
  let spaceTo = 0;
  let i = from;
  let n = i < to ? NORM[text.charCodeAt(i)]! : 0;
  while (i < to) {
    const j = i + 1;
    const nn = j < to ? NORM[text.charCodeAt(j)]! : 0;
    if (n >= 0 && nn !== N_MARK) {
      if (pendingSpace) {
        pendingSpace = false;
        if (wordStart >= 0) {
          if (cyr > 0 && lat > 0) repairWord(wordStart, o, cyr, lat, folding);
          wordStart = -1;
        }
        b[o] = 0x20;
        if (track) {
          starts[o] = spaceFrom;
          ends[o] = spaceTo;
        }
        o++;
      }
      const sc = SCRIPT[n]!;
      if (sc === S_CYRL) {
        if (wordStart < 0) {
          wordStart = o;
          cyr = 0;
          lat = 0;
        }
        cyr++;
      } else if (sc === S_LATN) {
        if (wordStart < 0) {
          wordStart = o;
          cyr = 0;
          lat = 0;
        }
        lat++;
      } else if (wordStart >= 0) {
        if (cyr > 0 && lat > 0) repairWord(wordStart, o, cyr, lat, folding);
        wordStart = -1;
      }
      b[o] = folding ? FOLD[n]! : n;
      if (track) {
        starts[o] = i;
        ends[o] = j;
      }
      o++;
      i = j;
      n = nn;
      continue;
    }
    if (n === N_SPACE) {
      if (o > 0) {
        if (!pendingSpace) {
          pendingSpace = true;
          spaceFrom = i;
        }
        spaceTo = j;
      }
      i = j;
      n = nn;
      continue;
    }
    if (n === N_DROP && nn !== N_MARK) {
      i = j;
      n = nn;
      continue;
    }
    // rare path: a cluster with combining marks, a multi-unit lower case, or an orphan mark
    let e = j;
    while (e < to && NORM[text.charCodeAt(e)] === N_MARK) e++;
    st.o = o;
    st.wordStart = wordStart;
    st.cyr = cyr;
    st.lat = lat;
    st.pendingSpace = pendingSpace;
    st.spaceFrom = spaceFrom;
    st.spaceTo = spaceTo;
    for (const u of expand(text, i, e)) putSlow(u, i, e, track, folding);
    o = st.o;
    wordStart = st.wordStart;
    cyr = st.cyr;
    lat = st.lat;
    pendingSpace = st.pendingSpace;
    spaceFrom = st.spaceFrom;
    spaceTo = st.spaceTo;
    i = e;
    n = i < to ? NORM[text.charCodeAt(i)]! : 0;
  }
  if (wordStart >= 0 && cyr > 0 && lat > 0) repairWord(wordStart, o, cyr, lat, folding);
  return o;
}

/** Buffer → string. Short strings (tokens) are faster to concatenate than to decode. */
function decode(a: Uint16Array, n: number): string {
  if (n <= 24) {
    let s = '';
    for (let k = 0; k < n; k++) s += String.fromCharCode(a[k]!);
    return s;
  }
  return utf16.decode(a.subarray(0, n));
}

/**
 * The search form of a text: NFC, Tajik lookalikes → Tajik letters, apostrophes unified to `'`,
 * lower case, ё→е, invisible characters dropped, whitespace collapsed and trimmed.
 * @example normalize('  ҲУКУМАТИ  Тоҷикистон ') // 'ҳукумати тоҷикистон'
 */
export function normalize(text: string): string {
  const n = run(text, 0, text.length, false, false);
  return decode(buf, n);
}

/**
 * The keyboard-folded match key of a normalised text (ҳ→х ҷ→ч қ→к ғ→г ӣ→и ӯ→у ў→у). Also maps the
 * upper-case letters, so `fold(original)` simulates typing the original on a Russian layout.
 * Length-preserving: offsets into `normalized` are offsets into the result.
 */
export function fold(normalized: string): string {
  const n = normalized.length;
  let k = 0;
  for (; k < n; k++) {
    const c = normalized.charCodeAt(k);
    if (FOLD[c] !== c) break;
  }
  if (k === n) return normalized;
  grow(n);
  for (let j = 0; j < n; j++) buf[j] = FOLD[normalized.charCodeAt(j)]!;
  return decode(buf, n);
}

/** fold(normalize(text)) in one pass. */
export function foldKey(text: string): string {
  const n = run(text, 0, text.length, false, true);
  return decode(buf, n);
}

/**
 * Normalise and fold while keeping, for every normalised unit, where it came from in the original,
 * so that a match found in `norm` or `fold` can be reported as a span of the original text.
 */
export function normalizeWithOffsets(text: string): NormalizedText {
  const out = run(text, 0, text.length, true, false);
  const norm = decode(buf, out);
  return { norm, fold: fold(norm), starts: starts.slice(0, out), ends: ends.slice(0, out) };
}

/**
 * The original span of normalised units [start, end): from the first unit's source to the last
 * unit's source end. An empty range maps to an empty span at the start's source.
 */
export function originalSpan(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  const len = n.norm.length;
  if (start < 0 || end > len || start > end) throw new RangeError(`span ${start}..${end} outside 0..${len}`);
  if (start === end) {
    const at = start < len ? n.starts[start]! : len > 0 ? n.ends[len - 1]! : 0;
    return { start: at, end: at };
  }
  return { start: n.starts[start]!, end: n.ends[end - 1]! };
}

/**
 * Normalise a slice of `text` that contains no whitespace (a token) and return its normal and
 * folded forms. Internal fast path for the tokeniser: no offsets, one decode when nothing folds.
 */
export function normalizeSlice(text: string, from: number, to: number): { norm: string; fold: string } {
  const n = run(text, from, to, false, false);
  let folds = false;
  for (let k = 0; k < n; k++) {
    if (FOLD[buf[k]!] !== buf[k]) {
      folds = true;
      break;
    }
  }
  const norm = decode(buf, n);
  if (!folds) return { norm, fold: norm };
  for (let k = 0; k < n; k++) buf[k] = FOLD[buf[k]!]!;
  return { norm, fold: decode(buf, n) };
}
