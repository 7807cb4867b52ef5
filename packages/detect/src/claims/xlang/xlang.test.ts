/**
 * Cross-language claim matching on the project's set (fixtures/xlang/set.txt): the lead's three
 * Tajik translations outscore an unrelated Russian post and pass the product's thresholds, and
 * the held-out test half keeps a floor (MAP@5 and top-1 scores) that the lexicon-less matcher
 * (MAP@5 0.66, 1 of 120 top-1 scores ≥ 0.5) falls far below.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { ClaimIndex } from '../claim-index.ts';
import { parseXlangSet } from './set.ts';

const file = new URL('../fixtures/xlang/set.txt', import.meta.url);
const set = parseXlangSet(readFileSync(file, 'utf8'), 'set.txt');
const index = ClaimIndex.build(set.claims);

describe('cross-language claim matching', () => {
  test('the set: 80 claims, 200+ repeats in five languages, hard negatives, tune and test halves', () => {
    assert.equal(set.claims.length, 80);
    const pos = set.queries.filter((q) => !q.negative);
    assert.ok(pos.length >= 200);
    assert.ok(set.queries.filter((q) => q.negative).length >= 40);
    for (const l of ['tg', 'uzc', 'uzl', 'ru', 'en'])
      assert.ok(
        pos.some((q) => q.lang === l),
        l,
      );
    assert.ok(pos.filter((q) => q.split === 'test').length >= 100);
  });

  test('Tajik translations of Russian claims outscore an unrelated Russian post', () => {
    const score = (text: string, id: string) =>
      index.match(text, { k: 10 }).find((m) => m.id === id)?.score ?? 0;
    const c1 = score('Русия то охири соли 2026 ба ҳамаи муҳоҷирони тоҷик шаҳрвандӣ медиҳад', 'c01');
    const c2 = score('Хитой дар вилояти Бадахшон пойгоҳи ҳарбӣ месозад', 'c02');
    const c3 = score('Нархи орд дар Душанбе ду баробар боло рафт', 'c03');
    const unrelated = score('Президент посетил Китай', 'c02');
    for (const s of [c1, c2, c3]) {
      assert.ok(s >= 0.5, JSON.stringify({ c1, c2, c3 }));
      assert.ok(s > unrelated + 0.3, JSON.stringify({ c1, c2, c3, unrelated }));
    }
    assert.ok(unrelated < 0.3, String(unrelated));
  });

  test('held-out half: MAP@5 ≥ 0.95 and most right answers score ≥ 0.5 at rank 1', () => {
    const test = set.queries.filter((q) => q.split === 'test' && !q.negative);
    let map = 0;
    let sure = 0;
    for (const q of test) {
      const m = index.match(q.text, { k: 5 });
      const at = m.findIndex((x) => x.id === q.claim);
      if (at >= 0) map += 1 / (at + 1);
      if (at === 0 && m[0]!.score >= 0.5) sure++;
    }
    assert.ok(map / test.length >= 0.95, `MAP@5 ${map / test.length}`);
    assert.ok(sure / test.length >= 0.7, `top-1 ≥ 0.5 for ${sure}/${test.length}`);
  });

  test('a bad set line is a coded error with its line', () => {
    assert.throws(
      () => parseXlangSet('C c01 ru ok\nQ c02 tg нест', 's.txt'),
      (e) => isOgohError(e) && e.line === 2,
    );
    assert.throws(
      () => parseXlangSet('C c01 xx text', 's.txt'),
      (e) => isOgohError(e) && e.field === 'lang',
    );
  });
});
