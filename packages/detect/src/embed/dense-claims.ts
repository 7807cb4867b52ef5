/**
 * Claim matching with an embedding model: every claim is embedded once, the query at match time, and
 * their similarity fills the re-ranker's `dense` feature for the lexical candidates. The dense
 * weight is not tuned (no multilingual model can be run where Ogoh is developed): it is set so that
 * a perfect dense match counts about as much as half the lexical evidence of the ranker in use (half
 * the sum of its three BM25 weights, each feature about 1 for a repeat), enough to reorder
 * candidates the lexical stage found close together, not enough to raise a claim that shares
 * nothing with the query. A ranker whose dense weight is already set keeps it.
 */
import type { ClaimIndex, ClaimMatch, ClaimParams, MatchOptions } from '../claims/claim-index.ts';
import { FEATURES } from '../claims/features.ts';
import { type Embedder, similarity } from './embedder.ts';

/** Untuned share of the lexical evidence given to the dense feature (see the file comment). */
export const DENSE_WEIGHT = 0.5;

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

export function withDenseWeight(params: ClaimParams, share = DENSE_WEIGHT): ClaimParams {
  const weights = [...params.weights];
  const d = FEATURES.indexOf('dense');
  if ((weights[d] ?? 0) > 0) return params;
  const lexical = ['bm25Words', 'bm25Cognates', 'bm25Grams'].reduce(
    (s, f) => s + (weights[FEATURES.indexOf(f as (typeof FEATURES)[number])] ?? 0),
    0,
  );
  weights[d] = share * lexical;
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
