import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BandBloom } from './band-filter.ts';
import { bandHash } from './sqlite/rows.ts';

test('band filter: never "no" for a band it holds, rarely "maybe" for one it lacks', () => {
  const n = 50_000;
  const filter = new BandBloom(n, bandHash);
  // half added as the store's hashes (loading), half as band keys (the run's own pages)
  for (let i = 0; i < n; i++) {
    if (i % 2) filter.add(`b${i % 16}:${i.toString(36)}`);
    else filter.addHash(bandHash(`b${i % 16}:${i.toString(36)}`));
  }
  for (let i = 0; i < n; i++) assert.ok(filter.mayHave(`b${i % 16}:${i.toString(36)}`), `band ${i}`);
  assert.equal(filter.full(), false);
  let maybe = 0;
  for (let i = n; i < 3 * n; i++) if (filter.mayHave(`b${i % 16}:${i.toString(36)}`)) maybe++;
  assert.ok(maybe / (2 * n) < 0.01, `false maybe rate ${maybe / (2 * n)}`);
  // past its size it answers "maybe" more often, never "no" for what it holds
  const small = new BandBloom(10, bandHash);
  for (let i = 0; i < n; i++) small.add(`k${i}`);
  for (let i = 0; i < n; i++) assert.ok(small.mayHave(`k${i}`));
  assert.equal(small.full(), true, 'a filter past its size asks to be loaded again');
});
