import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bandKeys, estimateJaccard, shingleHashes, signature, words } from './minhash.ts';
import { decideStory } from './stories.ts';

const base =
  'хукумати точикистон имруз дар душанбе барномаи нави рушди энергетика ва сохтмони нерургохи рогунро ' +
  'барои солхои 2026 то 2030 тасдик кард ва вазири энергетика гуфт ки истехсоли барк ду баробар меафзояд';
const rewrite = `${base.replace('имруз', 'рузи чоршанбе')} ба гуфтаи мансабдорон`;
const other =
  'в ташкенте прошел международный фестиваль плова на котором повара из двенадцати стран показали свои рецепты';

function sig(t: string) {
  return signature(shingleHashes(t));
}

test('words splits folded text on anything but letters and digits', () => {
  assert.deepEqual(words('рогун, 2026 — барк!'), ['рогун', '2026', 'барк']);
});

test('near-duplicates score high, unrelated texts near zero', () => {
  const j = estimateJaccard(sig(base), sig(rewrite));
  assert.ok(j >= 0.5, `rewrite similarity ${j}`);
  assert.ok(estimateJaccard(sig(base), sig(other)) < 0.1);
  assert.equal(estimateJaccard(sig(base), sig(base)), 1);
});

test('signatures are deterministic and near-duplicates share an LSH band', () => {
  assert.deepEqual(sig(base), sig(base));
  const a = new Set(bandKeys(sig(base)));
  assert.ok(bandKeys(sig(rewrite)).some((k) => a.has(k)));
  assert.ok(!bandKeys(sig(other)).some((k) => a.has(k)));
  assert.deepEqual(bandKeys(signature(new Uint32Array(0))), []);
});

test('decideStory prefers exact copies, then the most similar near-duplicate, and ignores short texts', () => {
  const s = sig(base);
  const probe = { itemId: 'p', signature: s, contentHash: 'h1', shingles: 30, length: base.length };
  const exact = { itemId: 'a', storyId: 'st1', signature: sig(other), contentHash: 'h1' };
  const near = { itemId: 'b', storyId: 'st2', signature: sig(rewrite), contentHash: 'h2' };
  assert.equal(decideStory(probe, [near, exact]).match?.link, 'exact');
  assert.equal(decideStory(probe, [near]).match?.storyId, 'st2');
  assert.equal(decideStory(probe, [{ ...near, signature: sig(other) }]).match, undefined);
  const short = { ...probe, length: 10, shingles: 2 };
  assert.equal(decideStory(short, [exact, near]).match, undefined);
});
