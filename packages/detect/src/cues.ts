/**
 * Cue matching: every cue of every language compiled into one token trie keyed by stem keys, walked
 * from each token of a text. Each walk stops as soon as no cue continues, so the cost is linear in
 * the number of tokens (bounded by the longest cue), whatever the number of cues.
 *
 * Why token keys and not substrings: a Russian cue must meet its inflections ("гарант безопасности"
 * in "гарантом безопасности"), a Tajik cue its suffixed and keyboard-folded forms ("ҳукумати лӯхтак"
 * in "хукумати лухтак"), and a cue must not fire inside an unrelated longer word. Multi-word cues
 * match as token sequences; between two cue words at most one other word (plus up to two function
 * words) may stand, and a cue never spans two sentences. Function words inside a cue of two or more
 * content words may be missing (one of them, never a negation), so "war on Islam in Tajikistan" meets
 * "war against Islam in Tajikistan".
 */
import { isStopword } from '@ogoh/text';
import type { CueLang } from './taxonomy.ts';
import { analyzeText, type TextView } from './view.ts';

export type MatchType = 'exact' | 'folded' | 'stemmed';

/** What a cue points at: a narrative of the taxonomy or a persuasion technique. */
export interface CueTarget {
  kind: 'narrative' | 'technique';
  id: string;
}

export interface CueEntry {
  target: CueTarget;
  /** the cue's identity within its target (indicator index): all languages of one indicator share it */
  cue: number;
  lang: CueLang;
  text: string;
  /** strength of one match on its own, 0..1 */
  weight: number;
}

interface CueToken {
  norm: string;
  fold: string;
  key: string;
  stop: boolean;
}

export interface CompiledCue extends CueEntry {
  /** index in the matcher's cue list */
  index: number;
  tokens: readonly CueToken[];
  /** number of tokens that are not function words */
  content: number;
}

interface TrieNode {
  next: Map<string, TrieNode> | undefined;
  /** cue index, the cue tokens (in order) this path consumed, and how many cue words it left out */
  out: { cue: number; tokens: readonly CueToken[]; dropped: number }[] | undefined;
}

export interface CueMatcher {
  readonly cues: readonly CompiledCue[];
  /** cues whose text produced no token (punctuation only) and were skipped */
  readonly skipped: readonly CueEntry[];
  readonly root: TrieNode;
}

export interface CueHit {
  cue: CompiledCue;
  match: MatchType;
  /** cue words absent from the text (an optional function word): such matches score a little lower */
  dropped: number;
  /** UTF-16 offsets into the original text */
  start: number;
  end: number;
  tokFrom: number;
  /** index of the last matched token + 1 */
  tokTo: number;
}

/** Words that reverse a cue's meaning: never optional (folded forms). */
const NEGATIONS = new Set([
  'не',
  'ни',
  'нет',
  'без',
  'not',
  'no',
  'never',
  'without',
  'nor',
  'на',
  'нест',
  'бе',
  'хеч',
  'emas',
  "yo'q",
  'hech',
]);

function node(): TrieNode {
  return { next: undefined, out: undefined };
}

function insert(root: TrieNode, tokens: readonly CueToken[], cue: number, dropped: number): void {
  let n = root;
  for (const t of tokens) {
    if (!n.next) n.next = new Map();
    let c = n.next.get(t.key);
    if (!c) {
      c = node();
      n.next.set(t.key, c);
    }
    n = c;
  }
  if (!n.out) n.out = [];
  if (!n.out.some((o) => o.cue === cue && o.tokens.length === tokens.length))
    n.out.push({ cue, tokens, dropped });
}

/** Compile cues of any languages into one matcher. */
export function compileCues(entries: readonly CueEntry[]): CueMatcher {
  const cues: CompiledCue[] = [];
  const skipped: CueEntry[] = [];
  const root = node();
  for (const e of entries) {
    const view = analyzeText(e.text, e.lang);
    const tokens: CueToken[] = view.tokens.map((t) => ({
      norm: t.norm,
      fold: t.fold,
      key: t.stems[e.lang] ?? t.keys[0] ?? t.fold,
      stop: isStopword(t.norm, e.lang),
    }));
    if (tokens.length === 0) {
      skipped.push(e);
      continue;
    }
    const content = tokens.filter((t) => !t.stop).length;
    const index = cues.length;
    cues.push({ ...e, index, tokens, content });
    insert(root, tokens, index, 0);
    // One function word may be missing from the text when at least two content words carry the
    // cue; negations and "without" never (they turn the cue's meaning around).
    if (content >= 2)
      tokens.forEach((t, i) => {
        if (t.stop && !NEGATIONS.has(t.fold))
          insert(
            root,
            tokens.filter((_, j) => j !== i),
            index,
            1,
          );
      });
  }
  return { cues, skipped, root };
}

/** How a sequence of text tokens matched a sequence of cue tokens: the weakest token decides. */
function matchType(view: TextView, path: readonly number[], cueTokens: readonly CueToken[]): MatchType {
  let type: MatchType = 'exact';
  for (let k = 0; k < path.length; k++) {
    const t = view.tokens[path[k]!]!;
    const c = cueTokens[k]!;
    if (t.norm === c.norm) continue;
    if (t.fold === c.fold) {
      if (type === 'exact') type = 'folded';
      continue;
    }
    return 'stemmed';
  }
  return type;
}

/**
 * All cue matches in an analysed text. Several matches of the same cue at the same place (through
 * optional function words) are reported once, the longest.
 */
export function matchCues(matcher: CueMatcher, view: TextView): CueHit[] {
  const hits: CueHit[] = [];
  const toks = view.tokens;
  const n = toks.length;
  const path: number[] = [];
  const seen = new Set<string>();

  const emit = (nd: TrieNode): void => {
    if (!nd.out) return;
    for (const o of nd.out) {
      const first = path[0]!;
      const last = path[path.length - 1]!;
      const key = `${o.cue}:${first}`;
      const cue = matcher.cues[o.cue]!;
      const hit: CueHit = {
        cue,
        match: matchType(view, path, o.tokens),
        dropped: o.dropped,
        start: toks[first]!.start,
        end: toks[last]!.end,
        tokFrom: first,
        tokTo: last + 1,
      };
      if (seen.has(key)) {
        // keep the longest match of this cue starting here
        const i = hits.findIndex((h) => h.cue.index === o.cue && h.tokFrom === first);
        if (i >= 0 && (hits[i]!.tokTo < hit.tokTo || hits[i]!.dropped > hit.dropped)) hits[i] = hit;
        continue;
      }
      seen.add(key);
      hits.push(hit);
    }
  };

  const walk = (nd: TrieNode, pos: number, sent: number, gap: number, stops: number): void => {
    if (pos >= n || !nd.next) return;
    const t = toks[pos]!;
    if (t.sent !== sent) return;
    for (const k of t.keys) {
      const c = nd.next.get(k);
      if (!c) continue;
      path.push(pos);
      emit(c);
      walk(c, pos + 1, sent, 0, 0);
      path.pop();
    }
    // Skip this token: function words cost nothing (up to two), one other word may intervene.
    if (t.stop) {
      if (stops < 2) walk(nd, pos + 1, sent, gap, stops + 1);
    } else if (gap < 1) walk(nd, pos + 1, sent, gap + 1, stops);
  };

  const root = matcher.root;
  if (!root.next) return hits;
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    for (const k of t.keys) {
      const c = root.next.get(k);
      if (!c) continue;
      path.push(i);
      emit(c);
      walk(c, i + 1, t.sent, 0, 0);
      path.pop();
    }
  }
  return dropContained(hits);
}

/** Remove matches of a cue that lie inside a longer match of the same cue (optional function words). */
function dropContained(hits: CueHit[]): CueHit[] {
  if (hits.length < 2) return hits;
  const sorted = [...hits].sort(
    (a, b) => a.cue.index - b.cue.index || a.tokFrom - b.tokFrom || b.tokTo - a.tokTo,
  );
  const out: CueHit[] = [];
  let last: CueHit | undefined;
  for (const h of sorted) {
    if (last && last.cue.index === h.cue.index && h.tokTo <= last.tokTo) continue;
    out.push(h);
    last = h;
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
