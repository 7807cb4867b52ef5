import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isOgohError } from '@ogoh/core';
import { Interner, ShareTableBuilder } from './table.ts';

describe('Interner', () => {
  test('gives dense ids in first-seen order, stable for equal strings, across growth', () => {
    const it = new Interner();
    const n = 20_000;
    for (let i = 0; i < n; i++) assert.equal(it.id(`id-${i}`), i);
    for (let i = n - 1; i >= 0; i -= 7) assert.equal(it.id(`id-${i}`), i);
    assert.equal(it.names.length, n);
    // same characters built differently are the same id; near strings are not
    assert.equal(it.id(['id', '-', '42'].join('')), 42);
    assert.equal(it.id('ҳҷқ'), n);
    assert.equal(it.id('хчк'), n + 1);
    assert.equal(it.id(''), n + 2);
    assert.equal(it.id(''), n + 2);
  });
});

describe('ShareTableBuilder', () => {
  test('interns ids, grows, drops originals and builds an unchanging table', () => {
    const b = new ShareTableBuilder(2);
    assert.equal(b.add('o1', 'a', 10, 'c1'), true);
    assert.equal(b.add('o1', 'b', 11), true);
    assert.equal(b.add('o2', 'a', 12, 'o2'), false, 'the original post is not a share');
    assert.equal(b.add('o2', 'b', 13.5, 'c3'), true);
    const t = b.build();
    b.add('o3', 'c', 14);
    assert.equal(t.size, 3);
    assert.deepEqual(Array.from(t.object), [0, 0, 1]);
    assert.deepEqual(Array.from(t.account), [0, 1, 1]);
    assert.deepEqual(Array.from(t.time), [10, 11, 13.5]);
    assert.deepEqual(t.objectNames, ['o1', 'o2']);
    assert.deepEqual(t.accountNames, ['a', 'b']);
    assert.equal(b.selfShares, 1);
    assert.equal(b.size, 4);
    assert.throws(
      () => b.add('o', 'a', Number.POSITIVE_INFINITY),
      (e) => isOgohError(e) && e.code === 'INPUT_FIELD' && e.field === 'timestamp',
    );
  });
});
