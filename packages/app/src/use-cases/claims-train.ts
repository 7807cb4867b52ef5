/**
 * `ogoh claims train`: fits the claim re-ranker on the operator's own judged queries and installs
 * it for this store. Ogoh ships hand-set weights because the public claim-retrieval sets are
 * licensed for research only; weights learned from data the operator may use can then replace
 * them. A fifth of the queries is held out first: the fitted ranker is installed only when it
 * scores at least as well there as the ranker in use, and is then refitted on all queries.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OgohError } from '@ogoh/core';
import {
  type ClaimParams,
  DEFAULT_CLAIM_PARAMS,
  fitRanker,
  type JudgedCandidates,
  meanAveragePrecision,
  rankerFromJson,
  rankerToJson,
} from '@ogoh/detect';
import type { Ogoh } from '../context.ts';
import { claimIndex } from './claims.ts';
import { modelsDir } from './models.ts';

/** One judged query: a text and the ids of the imported claims it repeats. */
export interface JudgedQuery {
  text: string;
  claims: string[];
  lang?: string;
}

export interface ClaimTrainReport {
  queries: number;
  heldOut: number;
  /** queries whose claims were not among the lexical candidates: no ranker can fix those */
  unreachable: number;
  /** held-out MAP@5 of the ranker in use before, and of the one fitted on the other four fifths */
  heldOutMap5: { before: number; fitted: number };
  installed: boolean;
  /** where the ranker was written (when installed) */
  file?: string;
}

export function rankerFile(app: Pick<Ogoh, 'location'>): string {
  return join(modelsDir(app), 'claims-ranker.json');
}

/** The installed ranker of this store, or undefined (the shipped hand-set weights then apply). */
export function installedRanker(app: Pick<Ogoh, 'location'>): ClaimParams | undefined {
  const file = rankerFile(app);
  if (!existsSync(file)) return undefined;
  return rankerFromJson(readFileSync(file, 'utf8'), DEFAULT_CLAIM_PARAMS, file);
}

/** Reads judged queries: one JSON object per line, `{"text", "claims": [ids], "lang"?}`. */
export async function readJudgedQueries(file: string): Promise<JudgedQuery[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new OgohError('INPUT_MISSING', 'cannot read the judged queries', {
      file,
      hint: 'give a JSONL file: {"text": "…", "claims": ["claim id", …]} per line',
      cause: e,
    });
  }
  const out: JudgedQuery[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let rec: { text?: unknown; claims?: unknown; lang?: unknown };
    try {
      rec = JSON.parse(line);
    } catch (e) {
      throw new OgohError('INPUT_PARSE', 'not valid JSON', { file, line: i + 1, cause: e });
    }
    if (rec === null || typeof rec !== 'object' || typeof rec.text !== 'string' || !rec.text.trim())
      throw new OgohError('INPUT_FIELD', 'field "text" must be a non-empty string', {
        file,
        line: i + 1,
        field: 'text',
      });
    if (
      !Array.isArray(rec.claims) ||
      rec.claims.length === 0 ||
      rec.claims.some((c) => typeof c !== 'string')
    )
      throw new OgohError('INPUT_FIELD', 'field "claims" must be a non-empty array of claim ids', {
        file,
        line: i + 1,
        field: 'claims',
        hint: 'the ids the claims were imported with (`ogoh claims list`)',
      });
    const q: JudgedQuery = { text: rec.text, claims: rec.claims as string[] };
    if (typeof rec.lang === 'string') q.lang = rec.lang;
    out.push(q);
  });
  return out;
}

const LANGS = new Set(['tg', 'ru', 'uk', 'uz', 'en', 'fa']);

/**
 * Fits and (when it does not do worse on the held-out fifth) installs the claim re-ranker.
 * @example await trainClaimRanker(app, 'judged.jsonl') // { heldOutMap5: { before: 0.75, fitted: 0.83 }, installed: true, … }
 */
export async function trainClaimRanker(
  app: Ogoh,
  file: string,
  options: { onRound?: (round: number, map: number) => void } = {},
): Promise<ClaimTrainReport> {
  const queries = await readJudgedQueries(file);
  const index = await claimIndex(app);
  if (index.size === 0)
    throw new OgohError('USAGE', 'no claims imported yet', { hint: 'run `ogoh claims import <file>` first' });
  const known = new Set(index.ids);
  const judged: JudgedCandidates[] = [];
  for (const q of queries) {
    const missing = q.claims.find((c) => !known.has(c));
    if (missing !== undefined)
      throw new OgohError('INPUT_FIELD', `claim id "${missing}" is not in the fact-check database`, {
        file,
        field: 'claims',
        hint: 'import the claims first, or remove the query',
      });
    const lang = q.lang?.toLowerCase();
    const cands = index.candidates(q.text, lang && LANGS.has(lang) ? (lang as 'en') : undefined);
    judged.push({ cands, relevant: new Set(q.claims) });
  }
  if (judged.length < 10)
    throw new OgohError('USAGE', `only ${judged.length} judged queries; at least 10 are needed`, {
      file,
      hint: 'a few hundred give a stable ranker',
    });
  const before = index.params;
  const held = judged.filter((_, i) => i % 5 === 4);
  const rest = judged.filter((_, i) => i % 5 !== 4);
  const partial = fitRanker(rest, DEFAULT_CLAIM_PARAMS);
  const report: ClaimTrainReport = {
    queries: judged.length,
    heldOut: held.length,
    unreachable: judged.filter((j) => !j.cands.some((c) => j.relevant.has(c.id))).length,
    heldOutMap5: {
      before: meanAveragePrecision(held, before, before.weights),
      fitted: meanAveragePrecision(held, partial, partial.weights),
    },
    installed: false,
  };
  if (report.heldOutMap5.fitted < report.heldOutMap5.before) return report;
  const params = fitRanker(judged, DEFAULT_CLAIM_PARAMS, options.onRound ? { onRound: options.onRound } : {});
  const dir = modelsDir(app);
  await mkdir(dir, { recursive: true });
  const target = rankerFile(app);
  const tmp = `${target}.${process.pid}.tmp`;
  await writeFile(
    tmp,
    rankerToJson(params, {
      file,
      queries: report.queries,
      heldOut: report.heldOut,
      heldOutMap5: report.heldOutMap5,
      at: app.clock.now().toISOString(),
    }),
  );
  await rename(tmp, target);
  index.params = params;
  return { ...report, installed: true, file: target };
}
