/**
 * A reader for the Hugging Face `tokenizer.json` that ships beside a sentence-embedding model, for
 * the two model kinds multilingual sentence encoders use: WordPiece (BERT, LaBSE, multilingual
 * MiniLM-BERT) and Unigram (XLM-RoBERTa / SentencePiece: multilingual-e5, paraphrase-multilingual).
 * It covers what those files use — BERT or NFKC normalisation, lower-casing, accent stripping,
 * whitespace/punctuation or Metaspace pre-tokenisation, the [CLS]/[SEP] or <s>/</s> template — and
 * refuses anything else with a coded error, rather than producing ids the model never saw.
 * Not covered: byte-level BPE (GPT-2 style) models and SentencePiece's precompiled character map
 * (approximated by NFKC, which agrees on ordinary Cyrillic, Latin and Arabic-script text).
 */
import { OgohError } from '@ogoh/core';

export interface Encoding {
  ids: number[];
}

export interface Tokenizer {
  readonly kind: 'wordpiece' | 'unigram';
  readonly vocabSize: number;
  /** token ids with the model's special tokens, cut to `maxLength` (the end token kept) */
  encode(text: string, maxLength: number): Encoding;
  /** the id of the padding token */
  readonly padId: number;
}

type Json = Record<string, unknown>;

function fail(file: string, field: string, message: string, hint?: string): never {
  throw new OgohError('INPUT_FIELD', message, {
    file,
    field,
    hint: hint ?? 'use the tokenizer.json that came with the model (WordPiece or Unigram)',
  });
}

const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;

/** Normalisers the supported models use. */
function normalizer(n: Json | undefined, file: string): (s: string) => string {
  if (!n) return (s) => s;
  switch (n.type) {
    case 'BertNormalizer': {
      const lower = n.lowercase !== false;
      const strip = n.strip_accents === true || (n.strip_accents == null && lower);
      const chinese = n.handle_chinese_chars !== false;
      return (s) => {
        let t = s.replace(/[\u0000\ufffd\p{Cc}]/gu, (c) => (/\s/.test(c) ? ' ' : ''));
        if (chinese) t = t.replace(/[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]/gu, (c) => ` ${c} `);
        if (lower) t = t.toLowerCase();
        if (strip) t = t.normalize('NFD').replace(/\p{Mn}/gu, '');
        return t;
      };
    }
    case 'Lowercase':
      return (s) => s.toLowerCase();
    case 'NFKC':
    case 'Precompiled':
      return (s) => s.normalize('NFKC');
    case 'NFC':
      return (s) => s.normalize('NFC');
    case 'NFD':
      return (s) => s.normalize('NFD');
    case 'StripAccents':
      return (s) => s.normalize('NFD').replace(/\p{Mn}/gu, '');
    case 'Strip':
      return (s) => s.trim();
    case 'Replace': {
      const pattern = obj(n.pattern);
      const to = String(n.content ?? '');
      if (typeof pattern?.String === 'string') {
        const from = pattern.String;
        return (s) => s.split(from).join(to);
      }
      if (typeof pattern?.Regex === 'string') {
        const re = new RegExp(pattern.Regex, 'gu');
        return (s) => s.replace(re, to);
      }
      return fail(file, 'normalizer.pattern', 'a Replace needs a String or Regex pattern');
    }
    case 'Sequence': {
      const list = Array.isArray(n.normalizers) ? n.normalizers : [];
      const fs = list.map((x) => normalizer(obj(x), file));
      return (s) => fs.reduce((acc, f) => f(acc), s);
    }
    default:
      return fail(file, 'normalizer.type', `normaliser "${String(n.type)}" is not supported`);
  }
}

/** Splits text into pre-tokens. Metaspace marks each word start with "▁" as SentencePiece does. */
function preTokenizer(p: Json | undefined, file: string): (s: string) => string[] {
  if (!p) return (s) => s.split(/\s+/).filter(Boolean);
  switch (p.type) {
    case 'BertPreTokenizer':
      return (s) => s.match(/[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]/gu) ?? [];
    case 'Whitespace':
      return (s) => s.match(/\w+|[^\w\s]+/gu) ?? [];
    case 'WhitespaceSplit':
      return (s) => s.split(/\s+/).filter(Boolean);
    case 'Punctuation':
      return (s) => s.match(/[^\p{P}]+|\p{P}/gu) ?? [];
    case 'Digits':
      return (s) => s.match(/\p{N}|[^\p{N}]+/gu) ?? [];
    case 'Metaspace': {
      const rep = typeof p.replacement === 'string' ? p.replacement : '▁';
      const prepend = p.prepend_scheme !== 'never' && p.add_prefix_space !== false;
      return (s) =>
        s
          .split(/ +/)
          .filter(Boolean)
          .map((w, i) => (i > 0 || prepend ? rep : '') + w.replaceAll(' ', rep));
    }
    case 'Sequence': {
      const list = Array.isArray(p.pretokenizers) ? p.pretokenizers : [];
      const fs = list.map((x) => preTokenizer(obj(x), file));
      return (s) => fs.reduce<string[]>((parts, f) => parts.flatMap((x) => f(x)), [s]);
    }
    default:
      return fail(file, 'pre_tokenizer.type', `pre-tokeniser "${String(p.type)}" is not supported`);
  }
}

/** Greedy longest-match-first WordPiece, as BERT does it. */
function wordPiece(
  m: Json,
  file: string,
): { split(word: string): number[]; vocab: Map<string, number>; unk: number } {
  const v = obj(m.vocab);
  if (!v) return fail(file, 'model.vocab', 'a WordPiece model needs a vocab object');
  const vocab = new Map<string, number>();
  for (const [k, id] of Object.entries(v)) if (typeof id === 'number') vocab.set(k, id);
  const unkToken = typeof m.unk_token === 'string' ? m.unk_token : '[UNK]';
  const unk = vocab.get(unkToken);
  if (unk === undefined)
    return fail(file, 'model.unk_token', `the unknown token "${unkToken}" is not in the vocabulary`);
  const prefix = typeof m.continuing_subword_prefix === 'string' ? m.continuing_subword_prefix : '##';
  const maxChars = typeof m.max_input_chars_per_word === 'number' ? m.max_input_chars_per_word : 100;
  return {
    vocab,
    unk,
    split(word) {
      const chars = [...word];
      if (chars.length > maxChars) return [unk];
      const out: number[] = [];
      let start = 0;
      while (start < chars.length) {
        let end = chars.length;
        let found: number | undefined;
        while (start < end) {
          const piece = (start > 0 ? prefix : '') + chars.slice(start, end).join('');
          found = vocab.get(piece);
          if (found !== undefined) break;
          end--;
        }
        if (found === undefined) return [unk];
        out.push(found);
        start = end;
      }
      return out;
    },
  };
}

/** Viterbi segmentation over the Unigram vocabulary's log-probabilities (SentencePiece). */
function unigram(
  m: Json,
  file: string,
): { split(word: string): number[]; vocab: Map<string, number>; unk: number } {
  if (!Array.isArray(m.vocab))
    return fail(file, 'model.vocab', 'a Unigram model needs a vocab list of [piece, score]');
  const vocab = new Map<string, number>();
  const scores: number[] = [];
  let maxLen = 1;
  let minScore = 0;
  (m.vocab as unknown[]).forEach((e, id) => {
    if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'number')
      fail(file, `model.vocab[${id}]`, 'each entry must be [piece, score]');
    vocab.set(e[0], id);
    scores[id] = e[1];
    maxLen = Math.max(maxLen, [...e[0]].length);
    minScore = Math.min(minScore, e[1]);
  });
  const unk = typeof m.unk_id === 'number' ? m.unk_id : 0;
  const unkPenalty = minScore - 10;
  return {
    vocab,
    unk,
    split(word) {
      const chars = [...word];
      const n = chars.length;
      const best = new Float64Array(n + 1).fill(Number.NEGATIVE_INFINITY);
      const from = new Int32Array(n + 1);
      const tok = new Int32Array(n + 1);
      best[0] = 0;
      for (let i = 0; i < n; i++) {
        if (best[i] === Number.NEGATIVE_INFINITY) continue;
        let piece = '';
        for (let j = i; j < Math.min(n, i + maxLen); j++) {
          piece += chars[j];
          const id = vocab.get(piece);
          if (id === undefined) continue;
          const s = best[i]! + scores[id]!;
          if (s > best[j + 1]!) {
            best[j + 1] = s;
            from[j + 1] = i;
            tok[j + 1] = id;
          }
        }
        // a character no piece covers becomes the unknown token, heavily penalised
        const s = best[i]! + unkPenalty;
        if (s > best[i + 1]!) {
          best[i + 1] = s;
          from[i + 1] = i;
          tok[i + 1] = unk;
        }
      }
      const out: number[] = [];
      for (let k = n; k > 0; k = from[k]!) out.push(tok[k]!);
      out.reverse();
      // consecutive unknown characters collapse into one unknown token, as SentencePiece does
      return out.filter((id, i) => !(id === unk && out[i - 1] === unk));
    },
  };
}

/** Reads the special tokens the model wraps a single sequence in. */
function template(
  p: Json | undefined,
  id: (token: string, field: string) => number,
): { before: number[]; after: number[] } {
  if (!p) return { before: [], after: [] };
  if (p.type === 'BertProcessing' || p.type === 'RobertaProcessing') {
    const cls = p.cls as [string, number] | undefined;
    const sep = p.sep as [string, number] | undefined;
    return { before: cls ? [cls[1]] : [], after: sep ? [sep[1]] : [] };
  }
  if (p.type === 'TemplateProcessing') {
    const single = Array.isArray(p.single) ? (p.single as Json[]) : [];
    const before: number[] = [];
    const after: number[] = [];
    let seen = false;
    single.forEach((part, i) => {
      if (obj(part.Sequence)) seen = true;
      const sp = obj(part.SpecialToken);
      if (sp && typeof sp.id === 'string')
        (seen ? after : before).push(id(sp.id, `post_processor.single[${i}]`));
    });
    return { before, after };
  }
  if (p.type === 'Sequence') {
    const list = Array.isArray(p.processors) ? (p.processors as Json[]) : [];
    const t = list.map((x) => template(x, id)).find((x) => x.before.length || x.after.length);
    return t ?? { before: [], after: [] };
  }
  return { before: [], after: [] };
}

/**
 * Parses a tokenizer.json text. Throws a coded error naming the file and field for a kind it cannot
 * reproduce faithfully.
 */
export function loadTokenizer(jsonText: string, file = 'tokenizer.json'): Tokenizer {
  let root: Json | undefined;
  try {
    root = obj(JSON.parse(jsonText));
  } catch (e) {
    throw new OgohError('INPUT_PARSE', 'not valid JSON', {
      file,
      hint: 'give the model folder’s tokenizer.json',
      cause: e,
    });
  }
  if (!root) return fail(file, '(root)', 'a tokenizer.json is a JSON object');
  const m = obj(root.model);
  if (!m) return fail(file, 'model', 'the file has no "model"');
  const kind = m.type === 'WordPiece' ? 'wordpiece' : m.type === 'Unigram' ? 'unigram' : undefined;
  if (!kind)
    return fail(
      file,
      'model.type',
      `model type "${String(m.type)}" is not supported`,
      'supported: WordPiece, Unigram',
    );
  const model = kind === 'wordpiece' ? wordPiece(m, file) : unigram(m, file);
  const added = new Map<string, number>();
  if (Array.isArray(root.added_tokens))
    for (const t of root.added_tokens as Json[])
      if (typeof t.content === 'string' && typeof t.id === 'number') added.set(t.content, t.id);
  const idOf = (token: string, field: string): number => {
    const id = added.get(token) ?? model.vocab.get(token);
    return id ?? fail(file, field, `special token "${token}" is not in the vocabulary`);
  };
  const norm = normalizer(obj(root.normalizer), file);
  const pre = preTokenizer(obj(root.pre_tokenizer), file);
  const { before, after } = template(obj(root.post_processor), idOf);
  const padding = obj(root.padding);
  const padId =
    typeof padding?.pad_id === 'number'
      ? padding.pad_id
      : (added.get('[PAD]') ??
        added.get('<pad>') ??
        model.vocab.get('[PAD]') ??
        model.vocab.get('<pad>') ??
        0);
  const cache = new Map<string, number[]>();
  return {
    kind,
    vocabSize: Math.max(model.vocab.size, ...added.values()) + (added.size ? 1 : 0),
    padId,
    encode(text, maxLength) {
      const room = Math.max(0, maxLength - before.length - after.length);
      const ids: number[] = [];
      for (const w of pre(norm(text))) {
        let pieces = cache.get(w);
        if (!pieces) {
          pieces = model.split(w);
          if (cache.size > 50_000) cache.clear();
          cache.set(w, pieces);
        }
        for (const p of pieces) {
          if (ids.length >= room) break;
          ids.push(p);
        }
        if (ids.length >= room) break;
      }
      return { ids: [...before, ...ids, ...after] };
    },
  };
}
