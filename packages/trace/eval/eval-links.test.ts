import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateLinks } from './eval-links.ts';

// Floors under the figures in docs/EVALUATION.md (precision 1.0, recall 0.879 when written): a
// change that links hard negatives or loses translations fails here.
test('held-out cross-language links: precision and recall stay above their floors', () => {
  const r = evaluateLinks();
  assert.equal(r.pairs.positives, 33);
  assert.equal(r.pairs.negatives, 20);
  assert.ok(r.pairs.precision >= 0.95, `precision ${r.pairs.precision}: ${r.falseLinks.join('; ')}`);
  assert.ok(r.pairs.recall >= 0.8, `recall ${r.pairs.recall}: ${r.misses.join('; ')}`);
  assert.ok(r.retrieval.recall >= 0.8, `retrieval ${JSON.stringify(r.retrieval)}`);
  assert.equal(r.retrieval.wrong, 0);
});
