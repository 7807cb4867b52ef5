/**
 * The operator's optional sentence-embedding model: OGOH_EMBED_MODEL names a model.onnx file (or a
 * model folder holding model.onnx or onnx/model.onnx), OGOH_EMBED_TOKENIZER its tokenizer.json
 * (default: tokenizer.json beside the model or in the folder above an onnx/ subfolder). Unset, Ogoh
 * uses no embeddings and nothing changes. Set, claim matching adds a dense similarity to its
 * lexical evidence, and `ogoh train narratives|techniques` also trains a head on the embeddings
 * (`<models dir>/narratives.dense.json`, `techniques.dense.json`; techniques on paragraph vectors)
 * that analysis and `check` then use. Nothing is downloaded.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OgohError } from '@ogoh/core';
import {
  type ClaimIndex,
  type ClaimMatch,
  type DenseClaims,
  type DenseHead,
  type Embedder,
  embedClaims,
  loadDenseHead,
  loadOnnxEmbedder,
  matchWithDense,
  type OnnxEmbedderOptions,
  saveDenseHead,
} from '@ogoh/detect';
import type { Ogoh } from '../context.ts';
import { claimIndex, type MatchClaimsOptions } from './claims.ts';
import { modelsDir } from './models.ts';

/** The model and tokenizer files named by the environment, or undefined when no model is set. */
export function embedModelFromEnv(env: NodeJS.ProcessEnv = process.env): OnnxEmbedderOptions | undefined {
  const given = env.OGOH_EMBED_MODEL?.trim();
  if (!given) return undefined;
  let model = given;
  if (existsSync(given) && statSync(given).isDirectory()) {
    const found = ['model.onnx', join('onnx', 'model.onnx')]
      .map((f) => join(given, f))
      .find((f) => existsSync(f));
    if (!found)
      throw new OgohError('INPUT_MISSING', 'no model.onnx in the model folder', {
        file: given,
        field: 'OGOH_EMBED_MODEL',
        hint: 'point OGOH_EMBED_MODEL at the .onnx file itself',
      });
    model = found;
  }
  let tokenizer = env.OGOH_EMBED_TOKENIZER?.trim();
  if (!tokenizer) {
    const dir = dirname(model);
    const near = [join(dir, 'tokenizer.json'), join(dirname(dir), 'tokenizer.json')];
    tokenizer = (basename(dir) === 'onnx' ? near : near.slice(0, 1)).find((f) => existsSync(f)) ?? near[0]!;
  }
  const o: OnnxEmbedderOptions = { model, tokenizer };
  const max = env.OGOH_EMBED_MAX_TOKENS;
  if (max) {
    const n = Number(max);
    if (!Number.isInteger(n) || n < 8 || n > 8192)
      throw new OgohError('USAGE', 'OGOH_EMBED_MAX_TOKENS must be an integer from 8 to 8192', {
        field: 'OGOH_EMBED_MAX_TOKENS',
      });
    o.maxLength = n;
  }
  return o;
}

const loaded = new Map<string, Promise<Embedder>>();

/** The operator's embedder (loaded once per process), or undefined when none is configured. */
export async function operatorEmbedder(env: NodeJS.ProcessEnv = process.env): Promise<Embedder | undefined> {
  const o = embedModelFromEnv(env);
  if (!o) return undefined;
  const key = `${o.model}\n${o.tokenizer}\n${o.maxLength ?? ''}`;
  let p = loaded.get(key);
  if (!p) {
    p = loadOnnxEmbedder(o);
    loaded.set(key, p);
    p.catch(() => loaded.delete(key));
  }
  return p;
}

const embedded = new WeakMap<ClaimIndex, Map<string, Promise<DenseClaims>>>();

/**
 * Claim matching with the dense score: the store's claims are embedded on first use in a process
 * (kept while the claim index stays the same), each query when matched.
 */
export async function denseClaimMatcher(
  app: Ogoh,
  embedder: Embedder,
): Promise<{
  size: number;
  embedder: string;
  match(text: string, k?: number, options?: MatchClaimsOptions): Promise<ClaimMatch[]>;
}> {
  const index = await claimIndex(app);
  let byModel = embedded.get(index);
  if (!byModel) {
    byModel = new Map();
    embedded.set(index, byModel);
  }
  let dense = byModel.get(embedder.id);
  if (!dense) {
    dense = embedClaims(index, embedder);
    byModel.set(embedder.id, dense);
  }
  const vectors = await dense;
  return {
    size: index.size,
    embedder: embedder.id,
    match: (text, k = 10, options = {}) => {
      if (!Number.isInteger(k) || k < 1)
        return Promise.reject(new OgohError('USAGE', 'k must be a positive integer', { field: 'k' }));
      const lang = options.lang?.toLowerCase();
      return matchWithDense(index, vectors, embedder, text, {
        k,
        ...(lang === 'tg' || lang === 'ru' || lang === 'uz' || lang === 'en' || lang === 'fa' || lang === 'uk'
          ? { lang }
          : {}),
        ...(options.minScore !== undefined ? { minScore: options.minScore } : {}),
      });
    },
  };
}

/** A head on embeddings: narratives (whole texts) or techniques (paragraphs). */
export type DenseTask = 'narratives' | 'techniques';

/** Where the store's head on embeddings for a task lives. */
export function denseHeadFile(app: Pick<Ogoh, 'location'>, task: DenseTask = 'narratives'): string {
  return join(modelsDir(app), `${task}.dense.json`);
}

/**
 * The store's head for a task, when one was trained and the configured embedder is the one it was
 * trained on (a head is meaningless on another model's vectors, so it is then left unused).
 */
export async function denseHead(
  app: Pick<Ogoh, 'location'>,
  task: DenseTask,
): Promise<{ head: DenseHead; embedder: Embedder } | undefined> {
  if (app.location === ':memory:' || !embedModelFromEnv()) return undefined;
  const file = denseHeadFile(app, task);
  if (!existsSync(file)) return undefined;
  const head = loadDenseHead(await readFile(file, 'utf8'), file);
  const embedder = await operatorEmbedder();
  if (!embedder || embedder.id !== head.embedder) return undefined;
  return { head, embedder };
}

/** The store's narrative head (see `denseHead`). */
export const denseNarratives = (app: Pick<Ogoh, 'location'>) => denseHead(app, 'narratives');

/** Writes a task's head for this store (atomic rename). */
export async function installDenseHead(
  app: Pick<Ogoh, 'location'>,
  head: DenseHead,
  task: DenseTask = 'narratives',
): Promise<string> {
  const file = denseHeadFile(app, task);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, saveDenseHead(head));
  await rename(`${file}.tmp`, file);
  return file;
}
