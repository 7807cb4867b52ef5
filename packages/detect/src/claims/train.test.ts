/**
 * Fitting the claim re-ranker: on judged candidates where the shipped first-stage ranking puts a
 * word-heavy look-alike first but the claim actually repeated shares a quotation, the fitted
 * ranker learns to put the quoted claim first (and keeps similarity weights ≥ 0); the saved file
 * round-trips and a damaged one is a coded error naming the field.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OgohError } from '@ogoh/core';
import { type Candidate, PARAMS } from './claim-index.ts';
import { FEATURES, N_FEATURES } from './features.ts';
import {
  averagePrecision,
  fitRanker,
  type JudgedCandidates,
  LEXICON_FEATURES,
  meanAveragePrecision,
  rankerFromJson,
  rankerToJson,
} from './train.ts';

function cand(doc: number, values: Partial<Record<(typeof FEATURES)[number], number>>): Candidate {
  const features = new Float32Array(N_FEATURES);
  for (const [k, v] of Object.entries(values)) features[FEATURES.indexOf(k as never)] = v;
  return { doc, id: `c${doc}`, features, cross: false };
}

/** Query q: the repeated claim has a quotation in common but fewer words than a look-alike. */
function judged(n: number): JudgedCandidates[] {
  const out: JudgedCandidates[] = [];
  for (let q = 0; q < n; q++) {
    const jitter = (q % 7) / 100;
    out.push({
      cands: [
        cand(3 * q, { bm25Words: 0.7 + jitter, bm25Cognates: 0.6, quoteRun: 0 }),
        cand(3 * q + 1, { bm25Words: 0.55 + jitter, bm25Cognates: 0.5, quoteRun: 0.9 }),
        cand(3 * q + 2, { bm25Words: 0.3, bm25Cognates: 0.2, quoteRun: 0.1 }),
      ],
      relevant: new Set([`c${3 * q + 1}`]),
    });
  }
  return out;
}

describe('claim ranker fitting', () => {
  test('AP@k counts precision at each relevant hit', () => {
    assert.equal(averagePrecision(['a', 'b', 'c'], new Set(['b']), 5), 0.5);
    assert.equal(averagePrecision(['a', 'b', 'c'], new Set(['c']), 2), 0);
    assert.equal(averagePrecision(['a', 'b'], new Set(['a', 'b']), 5), 1);
  });

  test('the fitted ranker puts the quoted repeat first where the shipped weights do not', () => {
    const data = judged(40);
    assert.equal(meanAveragePrecision(data, PARAMS, PARAMS.weights), 0.5);
    const fitted = fitRanker(data, PARAMS);
    assert.equal(meanAveragePrecision(data, fitted, fitted.weights), 1);
    assert.ok(fitted.weights[FEATURES.indexOf('quoteRun')]! > 0);
    fitted.weights.forEach((w, f) => {
      if (!FEATURES[f]!.endsWith('Conflict')) assert.ok(w >= 0, `${FEATURES[f]} ${w}`);
    });
    assert.equal(fitted.weights[FEATURES.indexOf('dense')], PARAMS.weights[FEATURES.indexOf('dense')]);
    // single-language answers say nothing about the lexicon features: shipped weights, one calibration
    for (const f of LEXICON_FEATURES)
      assert.equal(fitted.weights[FEATURES.indexOf(f)], PARAMS.weights[FEATURES.indexOf(f)], f);
    assert.equal(fitted.crossCalibration, undefined);
    // calibrated: the repeat scores above one half, the look-alike below
    const v = (c: Candidate) => c.features.reduce((s, x, i) => s + x * fitted.weights[i]!, 0);
    const p = (x: number) => 1 / (1 + Math.exp(-(fitted.calibration.a * x + fitted.calibration.c)));
    const [look, repeat] = data[0]!.cands;
    assert.ok(p(v(repeat!)) > 0.5 && p(v(look!)) < 0.5);
  });

  test('a saved ranker loads back; a damaged one names what is wrong', () => {
    // answers across languages: the ranker gets its own cross-language calibration, saved with it
    const across = judged(20).map((j) => ({ ...j, cands: j.cands.map((c) => ({ ...c, cross: true })) }));
    const fitted = fitRanker(across, PARAMS);
    assert.ok(fitted.crossCalibration !== undefined);
    const back = rankerFromJson(rankerToJson(fitted, { queries: 20 }), PARAMS, 'r.json');
    assert.deepEqual(back.weights, fitted.weights);
    assert.deepEqual(back.calibration, fitted.calibration);
    assert.deepEqual(back.crossCalibration, fitted.crossCalibration);
    // a file without one uses its own calibration for every pair, not the shipped weights' one
    const single = rankerFromJson(rankerToJson(fitRanker(judged(20), PARAMS)), PARAMS, 'r.json');
    assert.equal(single.crossCalibration, undefined);
    const bad = (text: string, field: string | undefined, code: string) =>
      assert.throws(
        () => rankerFromJson(text, PARAMS, 'r.json'),
        (e: unknown) => e instanceof OgohError && e.code === code && e.file === 'r.json' && e.field === field,
      );
    bad('{', undefined, 'INPUT_PARSE');
    bad('{"kind":"other","version":1}', 'kind', 'INPUT_FIELD');
    const file = JSON.parse(rankerToJson(fitted));
    bad(JSON.stringify({ ...file, weights: { ...file.weights, gone: 1 } }), 'weights.gone', 'INPUT_FIELD');
    bad(JSON.stringify({ ...file, calibration: { a: 1 } }), 'calibration', 'INPUT_FIELD');
  });
});
