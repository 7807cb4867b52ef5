/**
 * Claim matching with an embedding model: every claim is embedded once, the query at match time, and
 * their similarity fills the re-ranker's `dense` feature for the lexical candidates. The dense
 * weight is not tuned (no multilingual model can be run where Ogoh is developed): it is set so that
 * a perfect dense match counts about as much as half the word-overlap evidence, enough to reorder
 * candidates the lexical stage found close together, not enough to raise a claim that shares
 * nothing with the query.
 */
import type { ClaimIndex, ClaimMatch, ClaimParams, MatchOptions } from '../claims/claim-index.ts';
import { FEATURES } from '../claims/features.ts';
import { type Embedder, similarity } from './embedder.ts';

/** Untuned weight of the dense feature when a model is plugged in (see the file comment). */
export const DENSE_WEIGHT = 4;

export interface DenseClaims {
  embedderId: string;
  /** claim id → unit vector */
  vectors: Map<string, Float32Array>;
}

/** Embeds every claim of an index (in the embedder's batches). */
export async function embedClaims(index: ClaimIndex, embedder: Embedder): Promise<DenseClaims> {
  const texts: string[] = [];
  for (let i = 0; i < index.size; i++) texts.push(index.textOf(i));
  const vectors = await embedder.embed(texts);
  const map = new Map<string, Float32Array>();
  index.ids.forEach((id, i) => {
    map.set(id, vectors[i]!);
  });
  return { embedderId: embedder.id, vectors: map };
}

export function withDenseWeight(params: ClaimParams, weight = DENSE_WEIGHT): ClaimParams {
  const weights = [...params.weights];
  weights[FEATURES.indexOf('dense')] = weight;
  return { ...params, weights };
}

/** `index.match` with the query's dense similarity to each lexical candidate as a feature. */
export async function matchWithDense(
  index: ClaimIndex,
  dense: DenseClaims,
  embedder: Embedder,
  text: string,
  options: MatchOptions = {},
): Promise<ClaimMatch[]> {
  const [q] = await embedder.embed([text]);
  const saved = index.params;
  index.params = withDenseWeight(saved);
  try {
    return index.match(text, {
      ...options,
      dense: (_t, ids) =>
        ids.map((id) => {
          const v = dense.vectors.get(id);
          return v && q ? similarity(q, v) : 0;
        }),
    });
  } finally {
    index.params = saved;
  }
}
